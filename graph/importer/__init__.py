"""`pokin import`: read, validate everything, then write all-or-nothing (see docs/import-format.md)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from graph.db import Runner
from graph.importer.build import Builder, Dataset
from graph.importer.errors import ImportProblem, ImportRejected
from graph.importer.sources import read_source
from graph.importer import writer
from graph.importer.writer import WriteSummary, existing_labels, foreign_owners
from graph.model import apply_schema

__all__ = ["ImportProblem", "ImportRejected", "ImportReport", "import_path", "validate_path"]


@dataclass
class ImportReport:
    dataset: str
    counts: dict[str, int]
    written: WriteSummary | None  # None for a dry run


def validate_path(path: Path, runner: Runner, dataset: str | None = None, *, writing: bool = False) -> Dataset:
    """Read and check the files; raise ImportRejected with every problem found, write nothing.

    `writing`: the caller writes next, and the database's uniqueness constraints refuse a node the files define
    that another dataset holds (writer.write then names it); here that check then runs only to list such
    clashes beside other problems."""
    tables, problems = read_source(Path(path))
    if problems:
        raise ImportRejected(problems)
    builder = Builder(tables, lambda ids, name: existing_labels(runner, ids, name), dataset,
                      owners=lambda label, keys, name: foreign_owners(runner, label, keys, name),
                      owners_only_with_problems=writing)
    built = builder.build()
    if built is None:
        raise ImportRejected(builder.problems)
    return built


def import_path(path: Path, runner: Runner, *, dataset: str | None = None, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Validate, then (unless dry_run) write the dataset in one transaction. `progress(done, total)`."""
    built = validate_path(path, runner, dataset, writing=not dry_run)
    if dry_run:
        return ImportReport(built.name, built.counts(), None)
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
