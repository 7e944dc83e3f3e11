"""`pokin import`: read, validate everything, then write all-or-nothing (see docs/import-format.md)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from graph.db import Runner
from graph.importer.build import Builder, Dataset
from graph.importer.errors import ImportProblem, ImportRejected
from graph.importer.sources import read_source
from graph.importer import writer
from graph.importer.writer import WriteSummary, existing_labels, foreign_owners
from graph.model import apply_schema

__all__ = ["ImportProblem", "ImportRejected", "ImportReport", "import_path", "import_paths", "validate_path"]


@dataclass
class ImportReport:
    dataset: str
    counts: dict[str, int]
    written: WriteSummary | None  # None for a dry run


def parse_path(path: Path, runner: Runner, dataset: str | None = None, *, writing: bool = False) -> Builder:
    """Read the files and check every row (nothing asked of the database yet): a Builder to `finish`.
    Raises ImportRejected for files that cannot be read."""
    tables, problems = read_source(Path(path))
    if problems:
        raise ImportRejected(problems)
    builder = Builder(tables, lambda ids, name: existing_labels(runner, ids, name), dataset,
                      owners=lambda label, keys, name: foreign_owners(runner, label, keys, name),
                      owners_only_with_problems=writing)
    builder.parse()
    return builder


def _finished(builder: Builder) -> Dataset:
    built = builder.finish()
    if built is None:
        raise ImportRejected(builder.problems)
    return built


def validate_path(path: Path, runner: Runner, dataset: str | None = None, *, writing: bool = False) -> Dataset:
    """Read and check the files; raise ImportRejected with every problem found, write nothing.

    `writing`: the caller writes next, and the database's uniqueness constraints refuse a node the files define
    that another dataset holds (writer.write then names it); here that check then runs only to list such
    clashes beside other problems."""
    return _finished(parse_path(path, runner, dataset, writing=writing))


def import_path(path: Path, runner: Runner, *, dataset: str | None = None, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Validate, then (unless dry_run) write the dataset in one transaction. `progress(done, total)`."""
    built = validate_path(path, runner, dataset, writing=not dry_run)
    if dry_run:
        return ImportReport(built.name, built.counts(), None)
    return _write(built, runner, progress)


def import_paths(paths: Iterable[Path], runner: Runner,
                 on_report: Callable[[Path, ImportReport], None] | None = None) -> list[ImportReport]:
    """Import several datasets in order (a province and its kabupaten/kota, the nation), each in its own
    transaction exactly as `import_path` would, one after the other; while one is written, the files of the
    next are read and checked in a second thread (its references are resolved against the database only
    after the one before has committed, so a dataset may refer to the one just imported). The first
    dataset refused stops the run: ImportRejected with its folder named in `ImportRejected.path`; the ones
    before it stay imported."""
    paths = [Path(path) for path in paths]
    reports: list[ImportReport] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pokin-parse") as reader:
        upcoming = reader.submit(parse_path, paths[0], runner, writing=True) if paths else None
        for number, path in enumerate(paths):
            try:
                builder = upcoming.result()
                upcoming = reader.submit(parse_path, paths[number + 1], runner, writing=True) \
                    if number + 1 < len(paths) else None
                report = _write(_finished(builder), runner, None)
            except ImportRejected as refused:
                refused.path = path
                raise
            reports.append(report)
            if on_report is not None:
                on_report(path, report)
    return reports


def _write(built: Dataset, runner: Runner, progress: Callable[[int, int], None] | None) -> ImportReport:
    apply_schema(runner)
    total = 0

    def planned(tx) -> list:
        # the plan is built once, inside the import's transaction, from what the database holds there
        nonlocal total
        statements = writer.plan(built, writer.BATCH_SIZE, writer.read_state(tx, built))
        total = len(statements)
        return statements

    summary = writer.write(runner, planned, dataset=built,
                           on_statement=(lambda done: progress(done, total)) if progress else None)
    return ImportReport(built.name, built.counts(), summary)
