"""Read-your-writes in a cluster: every session the runner opens carries the runner's one bookmark manager.

A single server cannot show a lagging secondary; what is checked here is the wiring the driver needs for it:
each kind of call opens its session with `runner.bookmarks`, and each commit leaves a new bookmark there, which
the next transaction (of any thread) waits for before it starts.
"""

from __future__ import annotations

import neo4j
import pytest


@pytest.fixture
def recorded(runner, monkeypatch):
    """The runner, with every driver.session() call's keyword arguments recorded (the real session is opened)."""
    calls: list[dict] = []
    opened = runner.driver.session

    def session(**kwargs):
        calls.append(kwargs)
        return opened(**kwargs)

    monkeypatch.setattr(runner.driver, "session", session)
    return runner, calls


def test_every_kind_of_call_opens_its_session_with_the_runners_bookmark_manager(recorded):
    runner, calls = recorded
    runner.write("CREATE (:BookmarkProbe {n: 1})")
    runner.write_transaction(lambda tx: tx.run("CREATE (:BookmarkProbe {n: 2})").consume())
    assert runner.read("MATCH (p:BookmarkProbe) RETURN count(p) AS c") == [{"c": 2}]
    runner.read("MATCH (p:BookmarkProbe) RETURN p.n AS n ORDER BY n", packed=True)
    runner.read_table("MATCH (p:BookmarkProbe) RETURN p.n AS n", retry_time=1.0)
    runner.explain("MATCH (p:BookmarkProbe) RETURN p")
    assert len(calls) >= 6
    assert all(call.get("bookmark_manager") is runner.bookmarks for call in calls), calls
    assert {call.get("default_access_mode") for call in calls} == {neo4j.READ_ACCESS, neo4j.WRITE_ACCESS}


def test_each_commit_leaves_a_new_bookmark_for_the_next_transaction(runner):
    runner.write("CREATE (:BookmarkProbe)")
    first = set(runner.bookmarks.get_bookmarks())
    assert first
    runner.write("CREATE (:BookmarkProbe)")
    second = set(runner.bookmarks.get_bookmarks())
    assert second and second != first
    assert runner.read("MATCH (p:BookmarkProbe) RETURN count(p) AS c") == [{"c": 2}]
    after_read = set(runner.bookmarks.get_bookmarks())
    assert after_read and not after_read & first  # the newest is kept, not every bookmark ever seen


def test_forgetting_the_bookmarks_starts_afresh(runner):
    """What a database replaced under a running runner needs (bench/run.py's fresh_store): the old bookmarks
    would make every transaction wait for transactions the new store never had."""
    runner.write("CREATE (:BookmarkProbe)")
    old = runner.bookmarks
    assert old.get_bookmarks()
    runner.forget_bookmarks()
    assert runner.bookmarks is not old and not runner.bookmarks.get_bookmarks()
    assert runner.read("MATCH (p:BookmarkProbe) RETURN count(p) AS c") == [{"c": 1}]
