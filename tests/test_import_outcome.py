"""The import log and the commits that lose their answer: an import records itself in its own transaction,
and a lost commit (IncompleteCommit, raised by the driver's own commit here) is reported as it ended."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, snapshot
from neo4j.exceptions import ServiceUnavailable

from graph import model
from graph.importer import ImportNotWritten, import_log, import_path
from graph.importer.outcome import files_digest

MINI = DATA / "mini"


def version(runner) -> str | None:
    return runner.read(model.DATA_VERSION_QUERY)[0]["version"]


def changed_copy(tmp_path: Path, name: str = "changed") -> Path:
    """MINI with one goal statement changed: an import of it changes the dataset PEMDA."""
    folder = tmp_path / name
    shutil.copytree(MINI, folder)
    goals = folder / "goals.csv"
    text = goals.read_text(encoding="utf-8")
    assert "Meningkatkan" in text
    goals.write_text(text.replace("Meningkatkan", "Menurunkan", 1), encoding="utf-8")
    return folder


def test_an_import_records_itself_with_its_files_and_counts(runner):
    report = import_path(MINI, runner)
    [entry] = import_log(runner)
    assert entry["id"] == report.record.id and entry["dataset"] == "PEMDA"
    assert entry["source"] == str(MINI.resolve())
    assert entry["files"] == sorted(path.name for path in MINI.glob("*.csv"))
    assert entry["digest"] == files_digest(MINI)[1] and len(entry["digest"]) == 64
    assert entry["counts"] == report.counts and entry["counts"]["ASN"] == 5
    assert entry["nodes_created"] == report.written.nodes_created == 28
    assert entry["relationships_created"] == report.written.relationships_created
    assert entry["at"] and entry["at"].endswith("Z")


def test_a_re_import_that_changes_nothing_records_nothing_and_keeps_the_data_version(runner, tmp_path):
    import_path(MINI, runner)
    before, stamped = snapshot(runner), version(runner)
    again = import_path(MINI, runner)
    assert not again.written.changed()
    assert len(import_log(runner)) == 1 and version(runner) == stamped and snapshot(runner) == before
    changed = import_path(changed_copy(tmp_path), runner)
    log = import_log(runner)
    assert [entry["id"] for entry in log] == [changed.record.id, log[1]["id"]]  # newest first
    assert log[0]["digest"] != log[1]["digest"] and version(runner) != stamped


def test_the_log_keeps_the_last_imports_of_each_dataset(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(model, "IMPORT_LOG_KEEP", 2)
    changed = changed_copy(tmp_path)
    other = import_path(MINI, runner, dataset="OTHER").record.id  # another dataset's record is never trimmed
    runner.write("MATCH (n) WHERE n.dataset = 'OTHER' AND NOT n:PokinImport DETACH DELETE n")
    ids = [import_path(folder, runner).record.id for folder in (MINI, changed, MINI, changed)]
    assert [entry["id"] for entry in import_log(runner, "PEMDA")] == ids[:-3:-1]
    assert [entry["id"] for entry in import_log(runner, "OTHER")] == [other]
    assert [entry["id"] for entry in import_log(runner, limit=1)] == [ids[-1]]
    with pytest.raises(ValueError):
        import_log(runner, limit=0)


def test_a_commit_that_lost_its_answer_after_committing_is_reported_committed(runner, lose_commit):
    fired = lose_commit(after=True)
    report = import_path(MINI, runner)
    assert fired == [True], "the fault must have hit the import's commit"
    assert report.settled and report.written.nodes_created == 28
    assert [entry["id"] for entry in import_log(runner)] == [report.record.id]
    lost = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    import_path(MINI, runner)
    assert snapshot(runner) == lost, "the import committed whole"


def test_a_commit_that_lost_its_answer_before_committing_is_reported_not_written(runner, lose_commit, tmp_path):
    first = import_path(changed_copy(tmp_path), runner)  # data that was there before must stay as it was
    before = snapshot(runner)
    fired = lose_commit(after=False)
    with pytest.raises(ImportNotWritten) as caught:
        import_path(MINI, runner)
    assert fired == [False]
    assert "did not commit: nothing of it was written" in str(caught.value)
    assert caught.value.record.dataset == "PEMDA" and type(caught.value.cause).__name__ == "IncompleteCommit"
    assert snapshot(runner) == before
    assert [entry["id"] for entry in import_log(runner)] == [first.record.id]
    assert import_path(MINI, runner).written.properties_set > 0  # and the same import then works


def test_a_lost_commit_of_an_import_that_changes_nothing_is_no_error(runner, lose_commit):
    import_path(MINI, runner)
    before = snapshot(runner)
    fired = lose_commit(after=False)
    report = import_path(MINI, runner)
    assert fired == [False] and not report.written.changed() and not report.settled
    assert snapshot(runner) == before and len(import_log(runner)) == 1


def test_a_retried_attempt_of_an_import_that_committed_writes_nothing_again(runner, lose_commit):
    # the commit succeeds but the driver sees a retryable error and runs the import's work again: that
    # attempt finds the import's own record and answers what the committed attempt did
    fired = lose_commit(after=True, error=ServiceUnavailable)
    report = import_path(MINI, runner)
    assert fired == [True]
    assert report.written.nodes_created == 28 and not report.settled
    [entry] = import_log(runner)
    assert entry["id"] == report.record.id and entry["nodes_created"] == 28


def test_a_dry_run_says_whether_the_last_import_was_of_these_files(runner, tmp_path):
    assert import_path(MINI, runner, dry_run=True).previous is None
    written = import_path(MINI, runner)
    same = import_path(MINI, runner, dry_run=True)
    assert same.previous["id"] == written.record.id and same.same_files_as_previous() is True
    copied = tmp_path / "copied"
    shutil.copytree(MINI, copied)  # the same files elsewhere: the same digest
    assert import_path(copied, runner, dry_run=True).same_files_as_previous() is True
    assert import_path(changed_copy(tmp_path), runner, dry_run=True).same_files_as_previous() is False
    assert len(import_log(runner)) == 1
