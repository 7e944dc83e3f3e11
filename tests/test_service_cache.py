"""The service's result cache (service/http/results.py): pure unit tests, then against the real Neo4j that a
changed graph is never answered from rows of the old one (an import, a write outside pokin, a wipe)."""

from __future__ import annotations

import shutil
import threading
import time

import pytest
from test_service_support import AS_READER, MINI, NIP_RINA, csv_files, make_app, upload, zip_bytes

from graph.importer import import_path
from service.http.results import ResultCache

pytest_plugins = ("test_service_support",)


def table(*names: str):
    return ["name"], [{"name": name, "tags": [name]} for name in names]


# -- the cache alone --------------------------------------------------------------------------------------------


def test_a_hit_gives_the_kept_rows_as_fresh_objects():
    cache = ResultCache(1 << 20, 60)
    calls = []
    first = cache.table("q", "v1", lambda: calls.append(1) or table("a", "b"))
    first[1][0]["name"] = "changed by a caller"
    first[1][1]["tags"].append("also changed")
    second = cache.table("q", "v1", lambda: calls.append(1) or table("x"))
    assert calls == [1]
    assert second == table("a", "b")
    assert cache.summary()["hits"] == 1 and cache.summary()["misses"] == 1


def test_another_data_version_is_never_answered_from_old_rows_and_drops_them():
    cache = ResultCache(1 << 20, 60)
    cache.table("q", "v1", lambda: table("old"))
    cache.table("r", "v1", lambda: table("old too"))
    assert cache.table("q", "v2", lambda: table("new")) == table("new")
    summary = cache.summary()
    assert summary["entries"] == 1 and summary["cleared"] == 1
    assert cache.table("q", "v2", lambda: table("not asked")) == table("new")


def test_the_bytes_bound_holds_and_a_result_larger_than_all_is_served_uncached():
    cache = ResultCache(4000, 60)
    for number in range(50):
        cache.table(number, "v", lambda number=number: table(*(f"row {number} {i}" for i in range(5))))
    assert 0 < cache.summary()["bytes"] <= 4000
    assert cache.summary()["entries"] < 50
    huge = table(*(f"row {i}" for i in range(2000)))
    assert cache.table("huge", "v", lambda: huge) == huge
    assert cache.summary()["too_large"] == 1
    assert cache.table("huge", "v", lambda: table("asked again")) == table("asked again")


def test_concurrent_requests_for_the_same_rows_run_the_query_once():
    cache = ResultCache(1 << 20, 60)
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.3)
        return table("once")

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(cache.table("q", "v", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and answers == [table("once")] * 8


def test_failures_are_not_kept_and_entries_expire():
    cache = ResultCache(1 << 20, 0.2)

    def fail():
        raise RuntimeError("query timed out")

    with pytest.raises(RuntimeError):
        cache.table("q", "v", fail)
    assert cache.table("q", "v", lambda: table("ok")) == table("ok")
    time.sleep(0.3)
    assert cache.table("q", "v", lambda: table("recomputed")) == table("recomputed")


def test_zero_bytes_turns_the_cache_off():
    cache = ResultCache(0, 60)
    cache.table("q", "v", lambda: table("a"))
    assert cache.table("q", "v", lambda: table("b")) == table("b")
    assert cache.summary()["enabled"] is False


# -- through the service, against the real Neo4j --------------------------------------------------------------


def orphans(client):
    body = client.get("/api/audit/orphaned-staff", headers=AS_READER).get_json()
    assert body["ok"] is True, body
    return {row["nip"]: row["name"] for row in body["rows"]}


def cache_summary(client):
    return client.get("/api/health").get_json()["cache"]


def test_repeated_requests_are_answered_from_the_cache(client, loaded):
    first = orphans(client)
    hits = cache_summary(client)["hits"]
    assert orphans(client) == first
    assert cache_summary(client)["hits"] > hits


def test_an_import_that_changes_only_a_property_is_seen_at_once(client, loaded, tmp_path):
    assert orphans(client)[NIP_RINA] == "Rina Lestari"
    changed = tmp_path / "mini"
    shutil.copytree(MINI, changed)
    staff = changed / "staff.csv"
    staff.write_text(staff.read_text(encoding="utf-8").replace("Rina Lestari", "Rina Lestari-Wibowo"), encoding="utf-8")
    import_path(changed, loaded)  # same counts of nodes and edges: the import's version tells the change
    assert orphans(client)[NIP_RINA] == "Rina Lestari-Wibowo"


def test_a_write_made_outside_pokin_and_a_wipe_are_seen_at_once(client, loaded):
    before = orphans(client)
    loaded.write(
        "MATCH (u:Unit {id: 'DINKES-YANKES'}) CREATE (:ASN {nip: '200001012022011001', name: 'Baru', "
        "position: 'Staf', dataset: 'outside'})-[:MEMBER_OF]->(u)"
    )
    after = orphans(client)
    assert set(after) - set(before) == {"200001012022011001"}
    loaded.write("MATCH (n) DETACH DELETE n")
    assert orphans(client) == {}


def test_the_cache_can_be_turned_off(loaded):
    client = make_app(loaded, CACHE_MB=0).test_client()
    orphans(client)
    orphans(client)
    assert cache_summary(client) == {
        "enabled": False,
        "entries": 0,
        "bytes": 0,
        "max_bytes": 0,
        "hits": 0,
        "misses": 0,
        "too_large": 0,
        "cleared": 0,
    }


def test_a_reimport_that_changes_nothing_keeps_the_data_version_and_the_cache(client, loaded):
    orphans(client)
    before = cache_summary(client)
    import_path(MINI, loaded)
    orphans(client)
    after = cache_summary(client)
    assert after["cleared"] == before["cleared"] and after["hits"] > before["hits"]


def test_with_a_check_interval_an_upload_is_seen_at_once_and_any_other_change_within_it(loaded, tmp_path):
    client = make_app(loaded, CACHE_CHECK_SECONDS=1.0).test_client()
    assert orphans(client)[NIP_RINA] == "Rina Lestari"
    staff = (MINI / "staff.csv").read_text(encoding="utf-8")
    archive = zip_bytes(csv_files(**{"staff.csv": staff.replace("Rina Lestari", "Rina L. (upload)")}))
    response = upload(client, archive, "mini.zip")
    assert response.status_code == 200, response.get_json()
    assert orphans(client)[NIP_RINA] == "Rina L. (upload)"  # this process imported: read the version again
    changed = tmp_path / "mini"
    shutil.copytree(MINI, changed)
    (changed / "staff.csv").write_text(staff.replace("Rina Lestari", "Rina L. (cli)"), encoding="utf-8")
    import_path(changed, loaded)  # another process, as it were
    deadline = time.monotonic() + 1.5
    while orphans(client)[NIP_RINA] != "Rina L. (cli)":
        assert time.monotonic() < deadline, "the change was not seen within the check interval"
        time.sleep(0.1)


def test_pages_and_exports_are_kept_whole_per_reader(client, loaded):
    first = client.get("/api/audit/orphaned-staff.csv", headers=AS_READER)
    again = client.get("/api/audit/orphaned-staff.csv", headers=AS_READER)
    assert first.status_code == again.status_code == 200
    assert (
        again.get_data() == first.get_data()
        and again.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    )
    anonymous = client.get("/api/audit/orphaned-staff.csv")  # loopback reader: NIPs masked
    assert NIP_RINA in first.get_data(as_text=True) and NIP_RINA not in anonymous.get_data(as_text=True)
    page = client.get("/pohon/DINKES")
    assert client.get("/pohon/DINKES").get_data() == page.get_data()
    assert "Content-Security-Policy" in client.get("/pohon/DINKES").headers


def test_an_answer_computed_from_kept_rows_never_waits_on_itself():
    """A whole answer is computed under its key while it asks for rows under theirs (service/http/kept.py):
    many keys, nested, from several threads at once, must all finish (a shared lock stripe deadlocked)."""
    cache = ResultCache(1 << 20, 60)

    def answer(number: int):
        rows = cache.table(("rows", number % 7), "v", lambda: table(f"rows {number % 7}"))
        return ["answer"], [{"name": f"{number}", "tags": rows[1][0]["tags"]}]

    done = []
    threads = [
        threading.Thread(target=lambda n=n: done.append(cache.value(("answer", n), "v", lambda: answer(n))))
        for n in range(400)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(done) == 400 and not any(thread.is_alive() for thread in threads)
    assert cache.summary()["entries"] == 407
