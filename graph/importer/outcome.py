"""The import log, and what it settles: whether an import whose commit lost its answer committed.

A lost connection while Neo4j commits (the driver's IncompleteCommit) leaves the outcome unknown: the
transaction may have committed whole or not at all. Every import that changes its dataset records itself
in its own transaction (graph/model.py, IMPORT_LOG_LABEL), under an id made before the transaction; so
once Neo4j answers again, the record of that id is there exactly when the import committed. `settle` waits
for that answer (bounded) and reads it; the log also answers an auditor's first question: when was each
dataset last written, from which files, with what counts.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from graph import model
from graph.db import Reader, Runner
from graph.importer.sources import TABLES

# How long `pokin import` waits for Neo4j to answer again after a lost commit, by default.
OUTCOME_WAIT_SECONDS = 120.0
OUTCOME_POLL_SECONDS = 1.0
LOG_LIMIT_MAX = 1000
DIGEST_CHUNK = 1 << 20


@dataclass(frozen=True)
class ImportRecord:
    """What an import records about itself, inside its own transaction."""

    id: str
    dataset: str
    source: str
    files: tuple[str, ...]
    digest: str
    counts: dict[str, int] = field(default_factory=dict)

    def params(self, changes: dict[str, int]) -> dict[str, Any]:
        return {
            "id": self.id,
            "dataset": self.dataset,
            "source": self.source,
            "files": list(self.files),
            "digest": self.digest,
            "counts": json.dumps(self.counts, sort_keys=True),
            "changes": changes,
            "keep": model.IMPORT_LOG_KEEP,
        }


def new_record(path: Path, dataset: str, counts: dict[str, int], source: str | None = None) -> ImportRecord:
    """A fresh import id for the files at `path` (a folder of CSV files or a workbook), with their digest."""
    files, digest = files_digest(Path(path))
    return ImportRecord(
        uuid.uuid4().hex, dataset, source or str(Path(path).resolve()), tuple(files), digest, dict(counts)
    )


def source_files(path: Path) -> list[Path]:
    """The files an import of `path` reads: a workbook itself, or the folder's table CSVs (sources.TABLES)."""
    if not path.is_dir():
        return [path]
    wanted = {f"{table}.csv" for table in TABLES}
    return sorted(
        (entry for entry in path.iterdir() if entry.is_file() and entry.name.lower() in wanted),
        key=lambda entry: entry.name.lower(),
    )


def files_digest(path: Path) -> tuple[list[str], str]:
    """The names of the files read and one SHA-256 over their names and bytes: the same files give the same
    digest wherever they lie (a folder for `pokin import`, or a zip of it sent to the service)."""
    digest = hashlib.sha256()
    names = []
    for entry in source_files(path):
        names.append(entry.name)
        digest.update(entry.name.lower().encode("utf-8") + b"\0")
        with open(entry, "rb") as handle:
            while chunk := handle.read(DIGEST_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return names, digest.hexdigest()


class CommitOutcomeUnknown(Exception):
    """The connection was lost while Neo4j committed an import that changes its dataset (IncompleteCommit)."""

    def __init__(self, record: ImportRecord, cause: Exception):
        super().__init__(f"the commit of import {record.id} lost its answer: {cause}")
        self.record = record
        self.cause = cause


class ImportNotWritten(Exception):
    """A lost commit, settled: Neo4j answered again and holds no record of the import, so nothing of it was
    written."""

    def __init__(self, record: ImportRecord, cause: Exception, waited: float):
        super().__init__(f"import {record.id} of dataset {record.dataset} did not commit: nothing of it was written")
        self.record = record
        self.cause = cause
        self.waited = waited
        self.path: Path | None = None  # import_paths: the folder whose import this was


class ImportOutcomeUnknown(Exception):
    """A lost commit that could not be settled: Neo4j did not answer again within the wait."""

    def __init__(self, record: ImportRecord, cause: Exception, waited: float, last_error: BaseException | None):
        super().__init__(
            f"whether import {record.id} of dataset {record.dataset} committed is unknown: Neo4j "
            f"did not answer within {waited:.0f} s"
        )
        self.record = record
        self.cause = cause
        self.waited = waited
        self.path: Path | None = None  # import_paths: the folder whose import this was
        self.last_error = last_error


def recorded(tx: ManagedTransaction, import_id: str) -> dict[str, Any] | None:
    """The log record of `import_id` as this transaction sees it (None: there is none)."""
    row = tx.run(model.IMPORT_RECORDED_QUERY, {"id": import_id}).single()
    return log_entry(row["log"]) if row is not None else None


def settle(
    runner: Runner, import_id: str, wait: float, on_wait: Callable[[float, float], None] | None = None
) -> dict[str, Any] | None:
    """The record of `import_id` once Neo4j answers (None: the import did not commit), asked again every
    OUTCOME_POLL_SECONDS for at most `wait` seconds; `on_wait(waited, wait)` after each failed try.

    Each try takes the import lock first: a commit still under way (the connection lost, Neo4j alive)
    holds it until it ends, either way, so the answer is never read before the outcome exists. Raises
    TimeoutError (with the last error as its cause) when Neo4j did not answer in time."""
    start = time.monotonic()
    deadline = start + wait
    last: Exception | None = None

    def check(tx: ManagedTransaction) -> dict[str, Any] | None:
        row = tx.run(model.IMPORT_SETTLED_QUERY, {"id": import_id}).single(strict=True)
        return log_entry(row["log"]) if row["log"] is not None else None

    while True:
        remaining = deadline - time.monotonic()
        try:
            return runner.write_transaction(check, timeout=max(remaining, 1.0), retry_time=0.0)
        except (DriverError, Neo4jError) as exc:  # not answering yet (down, starting, lock still held)
            last = exc
        now = time.monotonic()
        if now >= deadline:
            raise TimeoutError(f"Neo4j did not answer within {wait:g} s") from last
        if on_wait is not None:
            on_wait(now - start, wait)
        time.sleep(min(OUTCOME_POLL_SECONDS, max(deadline - now, 0.0)))


def import_log(runner: Reader, dataset: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The recorded imports, newest first (of one dataset, or of all): at most `limit` (1..LOG_LIMIT_MAX)."""
    if not 1 <= limit <= LOG_LIMIT_MAX:
        raise ValueError(f"limit must be between 1 and {LOG_LIMIT_MAX}, not {limit}")
    rows = runner.read(model.IMPORT_LOG_QUERY, {"dataset": dataset, "limit": limit})
    return [log_entry(row["log"]) for row in rows]


def last_import(runner: Runner, dataset: str) -> dict[str, Any] | None:
    """The dataset's newest record (None: no import of it is recorded)."""
    found = import_log(runner, dataset, 1)
    return found[0] if found else None


def log_entry(log: dict[str, Any]) -> dict[str, Any]:
    """A record as plain values in a fixed order: counts as a mapping, the changes beside them."""
    counts = log.get("counts")
    return {
        "id": log.get("id"),
        "dataset": log.get("dataset"),
        "at": log.get("at"),
        "source": log.get("source"),
        "files": list(log.get("files") or []),
        "digest": log.get("digest"),
        "counts": json.loads(counts) if isinstance(counts, str) else dict(counts or {}),
        **{change: log.get(change) for change in model.IMPORT_LOG_CHANGES},
    }
