"""`pokin import`: read, validate everything, then write all-or-nothing (see docs/import-format.md)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.db import Runner
from graph.importer import people_kept, writer
from graph.importer.build import Builder, Dataset, VersionRequest
from graph.importer.errors import ImportProblem, ImportRejected
from graph.importer.matriks import MatriksOptions
from graph.importer.outcome import (
    OUTCOME_WAIT_SECONDS,
    CommitOutcomeUnknown,
    ImportNotWritten,
    ImportOutcomeUnknown,
    ImportRecord,
    import_log,
    last_import,
    new_record,
    settle,
)
from graph.importer.sources import read
from graph.importer.writer import WriteSummary, existing_labels, foreign_owners
from graph.model import apply_schema

__all__ = [
    "OUTCOME_WAIT_SECONDS",
    "ImportNotWritten",
    "ImportOutcomeUnknown",
    "ImportProblem",
    "ImportRejected",
    "ImportReport",
    "MatriksOptions",
    "VersionRequest",
    "explain_path",
    "import_log",
    "import_path",
    "import_paths",
    "validate_path",
]

OutcomeWait = Callable[[float, float], None]


@dataclass
class ImportReport:
    dataset: str
    counts: dict[str, int]
    written: WriteSummary | None  # None for a dry run
    # what was accepted but deserves a look (a target without a value, a defaulted polarity...): never blocking
    warnings: list[ImportProblem] = field(default_factory=list)
    record: ImportRecord | None = None  # the import's id, source and files' digest
    previous: dict | None = None  # a dry run: the dataset's last recorded import (graph/importer/outcome.py)
    settled: bool = False  # the commit lost its answer, and the import log then showed that it committed

    def same_files_as_previous(self) -> bool | None:
        """A dry run: whether the dataset's last recorded import was of these very files (None: none is)."""
        if self.previous is None or self.record is None:
            return None
        return self.previous.get("digest") == self.record.digest


def parse_path(
    path: Path,
    runner: Runner,
    dataset: str | None = None,
    *,
    writing: bool = False,
    matriks: MatriksOptions | None = None,
    version: VersionRequest | None = None,
) -> Builder:
    """Read the files and check every row (nothing asked of the database yet): a Builder to `finish`.
    Raises ImportRejected for files that cannot be read. The Builder's `warnings` are the reading's warnings."""
    source = read(Path(path), matriks)
    if source.problems:
        raise ImportRejected(source.problems)
    builder = Builder(
        source.tables,
        lambda ids, name: existing_labels(runner, ids, name),
        dataset,
        owners=lambda label, keys, name: foreign_owners(runner, label, keys, name),
        owners_only_with_problems=writing,
        version=version,
    )
    builder.warnings.extend(source.warnings)  # the reading's (matriks sheets), listed with the rows'
    builder.parse()
    return builder


def explain_path(
    path: Path, matriks: MatriksOptions | None = None
) -> tuple[list[str], list[ImportProblem], list[ImportProblem]]:
    """(lines saying which column of each matriks sheet became what, warnings, problems); nothing is written
    and the database is not asked."""
    source = read(Path(path), matriks)
    return source.explain, source.warnings, source.problems


def _finished(builder: Builder, found: dict[str, tuple[str, str]] | None = None) -> Dataset:
    built = builder.finish(found)
    if built is None:
        raise ImportRejected(builder.problems)
    return built


def validate_path(
    path: Path,
    runner: Runner,
    dataset: str | None = None,
    *,
    writing: bool = False,
    matriks: MatriksOptions | None = None,
    version: VersionRequest | None = None,
) -> Dataset:
    """Read and check the files; raise ImportRejected with every problem found, write nothing.

    `writing`: the caller writes next, and the import's transaction looks up the nodes the files define that
    another Pemda holds (writer.write names them); here that check then runs only to list such clashes beside
    other problems. `version`: the version the files are of (graph/versions.py; none: the unnamed one)."""
    return _finished(parse_path(path, runner, dataset, writing=writing, matriks=matriks, version=version))


def import_path(
    path: Path,
    runner: Runner,
    *,
    dataset: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    source: str | None = None,
    outcome_wait: float = OUTCOME_WAIT_SECONDS,
    on_outcome_wait: OutcomeWait | None = None,
    matriks: MatriksOptions | None = None,
    version: VersionRequest | None = None,
) -> ImportReport:
    """Validate, then (unless dry_run) write the dataset in one transaction. `progress(done, total)`.
    `matriks`: how to read matriks Renstra sheets (mapped headers, the period's first year, the Pemda).

    The import is recorded in the import log under a new id, with `source` (default: the path) and its
    files' digest; a dry run reports the dataset's last recorded import instead. When the commit loses its
    answer, Neo4j is waited for (at most `outcome_wait` s, `on_outcome_wait(waited, wait)` after each try)
    and the log read: the report comes back with `settled` when the import committed; ImportNotWritten
    when it did not; ImportOutcomeUnknown when Neo4j did not answer in time."""
    built = validate_path(path, runner, dataset, writing=not dry_run, matriks=matriks, version=version)
    record = new_record(Path(path), built.name, built.counts(), source)
    if dry_run:
        return ImportReport(
            built.name,
            built.counts(),
            None,
            warnings=built.warnings,
            record=record,
            previous=last_import(runner, built.name),
        )
    report = _write(built, runner, progress, record=record, outcome_wait=outcome_wait, on_outcome_wait=on_outcome_wait)
    people_kept.ensure(runner)  # the single points of failure, for the graph as it now is
    return report


def import_paths(
    paths: Iterable[Path],
    runner: Runner,
    on_report: Callable[[Path, ImportReport], None] | None = None,
    *,
    outcome_wait: float = OUTCOME_WAIT_SECONDS,
    on_outcome_wait: OutcomeWait | None = None,
    version: VersionRequest | None = None,
) -> list[ImportReport]:
    """Import several datasets in order (a province and its kabupaten/kota, the nation), each in its own
    transaction exactly as `import_path` would, one after the other. While one is written, the next is
    prepared in a second thread: its files read and checked, its references resolved and its statements
    planned as if the database held nothing of it yet. That preparation is used only if it still holds once
    the dataset before has committed: the database answers the same for the ids it refers to (a dataset may
    refer to the one just imported: then it is resolved again) and holds nothing of it (else it is planned
    again inside its transaction). The first dataset refused stops the run: ImportRejected with its folder
    named in `ImportRejected.path`; the ones before it stay imported. A lost commit is settled as by
    `import_path`; ImportNotWritten and ImportOutcomeUnknown stop the run too, with `path` set. `version`: the
    version every dataset is imported as (a province's Pemda, each as its own `<pemda>@<name>`)."""
    paths = [Path(path) for path in paths]
    reports: list[ImportReport] = []
    with _prompt_thread_switches(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="pokin-prepare") as preparer:
        upcoming = _submit(preparer, paths, 0, runner, version)
        for number, path in enumerate(paths):
            try:
                assert upcoming is not None  # submitted for this path: before the loop, or by the step before
                ahead = upcoming.result()
                upcoming = _submit(preparer, paths, number + 1, runner, version)
                builder = ahead.builder
                unknown = builder.unknown_ids()
                found = existing_labels(runner, unknown, builder.dataset.name) if unknown else {}
                if ahead.statements is not None and found == ahead.found:
                    record = new_record(path, builder.dataset.name, builder.dataset.counts())
                    report = _write(
                        builder.dataset,
                        runner,
                        None,
                        planned_for_new=ahead.statements,
                        record=record,
                        outcome_wait=outcome_wait,
                        on_outcome_wait=on_outcome_wait,
                    )
                else:
                    built = _finished(builder, found)
                    report = _write(
                        built,
                        runner,
                        None,
                        record=new_record(path, built.name, built.counts()),
                        outcome_wait=outcome_wait,
                        on_outcome_wait=on_outcome_wait,
                    )
            except (ImportRejected, ImportNotWritten, ImportOutcomeUnknown) as refused:
                refused.path = path
                raise
            reports.append(report)
            if on_report is not None:
                on_report(path, report)
    people_kept.ensure(runner)  # once for every dataset of the call: see graph/importer/people_kept.py
    return reports


# While the preparing thread runs pure Python, the writing thread waits for the GIL after every reply from the
# server: up to the switch interval (5 ms by default) each time, and a write makes many round trips. Measured on
# a province (BENCHMARKS.md): 27.3 s with 5 ms, 23.9 s with 0.5 ms; 0.1 ms gains nothing more.
PROMPT_SWITCH_INTERVAL = 0.0005


@contextmanager
def _prompt_thread_switches() -> Iterator[None]:
    """Hand the GIL over within PROMPT_SWITCH_INTERVAL while inside (the interval is per process: restored after)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, PROMPT_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@dataclass
class _Prepared:
    builder: Builder
    found: dict[str, tuple[str, str]] | None = None  # what the database answered for the ids the files refer to
    statements: list | None = None  # the plan for a database that holds nothing of the dataset


def _submit(
    preparer: ThreadPoolExecutor, paths: list[Path], index: int, runner: Runner, version: VersionRequest | None
) -> Future[_Prepared] | None:
    """The preparation of the dataset at `index` started in the preparing thread (None past the last one)."""
    return preparer.submit(_prepare, paths[index], runner, version) if index < len(paths) else None


def _prepare(path: Path, runner: Runner, version: VersionRequest | None = None) -> _Prepared:
    """Read and check the files; then, on trial, resolve the references against the database as it is now
    and plan the writes for a database without the dataset (import_paths checks both before using them)."""
    builder = parse_path(path, runner, writing=True, version=version)
    if builder.problems:
        return _Prepared(builder)
    unknown = builder.unknown_ids()
    found = existing_labels(runner, unknown, builder.dataset.name) if unknown else {}
    built = builder.finish(found, check_owners=False)
    if built is None:
        return _Prepared(builder)
    return _Prepared(builder, found, writer.plan(built, writer.BATCH_SIZE))


def _write(
    built: Dataset,
    runner: Runner,
    progress: Callable[[int, int], None] | None,
    planned_for_new: list | None = None,
    *,
    record: ImportRecord,
    outcome_wait: float = OUTCOME_WAIT_SECONDS,
    on_outcome_wait: OutcomeWait | None = None,
) -> ImportReport:
    apply_schema(runner)
    total = 0

    def planned(tx) -> list:
        # the plan is built once, inside the import's transaction, from what the database holds there (the
        # plan made ahead for a database without the dataset is that plan when the database holds none of it)
        nonlocal total
        state = writer.read_state(tx, built)
        statements = (
            planned_for_new
            if planned_for_new is not None and state.empty()
            else writer.plan(built, writer.BATCH_SIZE, state)
        )
        total = len(statements)
        return statements

    try:
        summary = writer.write(
            runner,
            planned,
            dataset=built,
            record=record,
            on_statement=(lambda done: progress(done, total)) if progress else None,
        )
    except CommitOutcomeUnknown as lost:
        return _settled(runner, built, lost, outcome_wait, on_outcome_wait)
    return ImportReport(built.name, built.counts(), summary, warnings=built.warnings, record=record)


def _settled(
    runner: Runner, built: Dataset, lost: CommitOutcomeUnknown, wait: float, on_wait: OutcomeWait | None
) -> ImportReport:
    """The report of an import whose commit lost its answer, once the import log says it committed; else
    ImportNotWritten (it did not) or ImportOutcomeUnknown (Neo4j did not answer within `wait`)."""
    start = time.monotonic()
    try:
        log = settle(runner, lost.record.id, wait, on_wait)
    except TimeoutError as timeout:
        raise ImportOutcomeUnknown(lost.record, lost.cause, wait, timeout.__cause__) from lost.cause
    if log is None:
        raise ImportNotWritten(lost.record, lost.cause, time.monotonic() - start) from lost.cause
    return ImportReport(
        built.name,
        built.counts(),
        WriteSummary.from_log(log),
        warnings=built.warnings,
        record=lost.record,
        settled=True,
    )
