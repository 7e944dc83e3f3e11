"""Hostile graphs: a 10,000-deep contribution chain and cycles of every length, imported through the files.

Both are accepted by the import (one transaction each) because real plans contain them; what matters is
that nothing loops or explodes: every catalog query answers on the deep chain within seconds, and
contribution_cycles reports each cycle once, with all its members (README, Reliability).
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from graph.catalog import load_catalog
from graph.importer import import_path

DEPTH = 10_000
CYCLE_LENGTHS = (2, 3, 4, 5, 6, 1000)
DEEP_NIP = "198503152010011002"
ORPHAN_NIP = "199002022015032003"
QUERY_SECONDS = 60  # per query, on a shared CI machine; the figures printed are what the README quotes


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def files(
    folder: Path, goals: list[list[object]], *, activities: list[list[object]] = (), staff: list[list[object]] = ()
) -> Path:
    folder.mkdir()
    write_csv(
        folder / "units.csv",
        ["id", "name", "kind", "parent_id"],
        [["PEMDA", "Kabupaten Dalam", "pemda", ""], ["OPD", "Dinas Dalam", "perangkat_daerah", "PEMDA"]],
    )
    write_csv(folder / "goals.csv", ["id", "level", "statement", "unit_id", "contributes_to"], goals)
    write_csv(
        folder / "indicators.csv",
        ["id", "goal_id", "name", "satuan", "polarity", "year", "baseline", "target", "realisasi"],
        [["I-TOP", goals[0][0], "Indeks puncak", "%", "positif", 2026, 50, 60, 55]],
    )
    write_csv(
        folder / "activities.csv",
        ["id", "kind", "code", "name", "unit_id", "parent_id", "year", "budget", "contributes_to"],
        list(activities),
    )
    write_csv(
        folder / "staff.csv", ["nip", "name", "position", "unit_id", "supervisor_nip", "assigned_to"], list(staff)
    )
    return folder


def deep_chain(folder: Path) -> Path:
    """G00000 (visi) <- G00001 <- ... <- G09999: each goal contributes to the one above it."""
    goals = [
        [
            f"G{i:05d}",
            "visi" if i == 0 else "sasaran" if i < 5 else "rhk",
            f"Sasaran {i}",
            "PEMDA" if i == 0 else "OPD",
            f"G{i - 1:05d}" if i else "",
        ]
        for i in range(DEPTH)
    ]
    bottom = goals[-1][0]
    activities = [
        ["P-1", "program", "1.02.01", "Program dalam", "OPD", "", 2026, "", ""],
        ["K-1", "kegiatan", "1.02.01.2.01", "Kegiatan dalam", "OPD", "P-1", 2026, "", ""],
        ["SK-1", "subkegiatan", "1.02.01.2.01.0001", "Sub dalam", "OPD", "K-1", 2026, 1_000_000, bottom],
    ]
    staff = [
        [DEEP_NIP, "Pegawai Dalam", "Pelaksana", "OPD", "", bottom],
        [ORPHAN_NIP, "Pegawai Lepas", "Pelaksana", "OPD", DEEP_NIP, ""],
    ]
    return files(folder, goals, activities=activities, staff=staff)


def cycles(folder: Path) -> tuple[Path, dict[int, set[str]]]:
    """Disjoint rings of every length 2..6 and one of 1,000, hanging below a visi by one extra edge each."""
    goals = [["V", "visi", "Visi", "PEMDA", ""]]
    rings: dict[int, set[str]] = {}
    for length in CYCLE_LENGTHS:
        ids = [f"C{length:04d}-{k:04d}" for k in range(length)]
        rings[length] = set(ids)
        for k, goal_id in enumerate(ids):
            up = [ids[(k + 1) % length]] + (["V"] if k == 0 else [])
            goals.append([goal_id, "sasaran", f"Lingkar {length} nomor {k}", "OPD", ";".join(up)])
    return files(folder, goals), rings


def params_for(query, known: dict[str, object]) -> dict[str, object]:
    return {param.name: known[param.name] for param in query.params if not param.optional}


def test_a_10000_deep_chain_imports_in_one_transaction_and_every_query_answers(runner, tmp_path):
    report = import_path(deep_chain(tmp_path / "deep"), runner)
    assert report.written is not None and report.counts["Goal"] == DEPTH
    assert (
        runner.read("MATCH ()-[r:CONTRIBUTES_TO]->() WHERE r.implied IS NULL RETURN count(r) AS n")[0]["n"]
        == DEPTH - 1 + 1
    )  # the chain, and the sub-kegiatan's contribution
    catalog = load_catalog()
    bottom = f"G{DEPTH - 1:05d}"
    known = {
        "id": bottom,
        "nip": DEEP_NIP,
        "q": "G0999",
        "year": 2026,
        "unit": "OPD",
        "from_unit": "OPD",
        "to_unit": "OPD",
    }
    timings: dict[str, float] = {}
    answers: dict[str, list] = {}
    slow: dict[str, str] = {}
    for query in catalog:
        started = time.perf_counter()
        try:
            answers[query.name] = catalog.run(runner, query.name, params_for(query, known), timeout=QUERY_SECONDS)
        except Exception as exc:  # noqa: BLE001 - a timeout is reported with the others, below
            slow[query.name] = f"{type(exc).__name__}: {str(exc)[:120]}"
        timings[query.name] = time.perf_counter() - started
    print(
        "\n10,000-deep chain, seconds per catalog query:",
        ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(timings.items(), key=lambda i: -i[1])),
    )
    assert not slow, f"queries that did not answer within {QUERY_SECONDS} s on the chain: {slow}"

    # line_of_sight and impact from the bottom: the whole answer (their timings are in bench/lookups.py)
    sight = answers["line_of_sight"]
    assert [(row["outcome_id"], row["length"]) for row in sight] == [
        (f"G{k:05d}", DEPTH - 1 - k) for k in (4, 3, 2, 1, 0)
    ]
    assert [step["id"] for step in sight[-1]["path"]] == [f"G{k:05d}" for k in range(DEPTH - 1, -1, -1)]
    assert [(row["direction"], row["id"], row["distance"]) for row in answers["impact"]] == [
        ("supports", f"G{DEPTH - 1 - k:05d}", k) for k in range(1, DEPTH)
    ] + [("supported_by", "SK-1", 1)]
    orphans = {row["nip"] for row in answers["orphaned_staff"]}
    assert ORPHAN_NIP in orphans and DEEP_NIP not in orphans
    assert answers["contribution_cycles"] == []
    impact = catalog.run(runner, "impact", {"id": "SK-1"}, timeout=QUERY_SECONDS)
    assert [(row["direction"], row["id"], row["distance"]) for row in impact] == [
        ("supports", f"G{DEPTH - k:05d}", k) for k in range(1, DEPTH + 1)
    ], "the sub-kegiatan at the bottom supports the whole chain up to the visi"


def test_cycles_of_every_length_are_imported_and_each_reported_once(runner, tmp_path):
    folder, rings = cycles(tmp_path / "cycles")
    import_path(folder, runner)  # accepted: cycles are findings for the auditor, not broken files
    started = time.perf_counter()
    rows = load_catalog().run(runner, "contribution_cycles", {}, timeout=QUERY_SECONDS)
    seconds = time.perf_counter() - started
    print(f"\ncontribution_cycles on rings of {', '.join(map(str, CYCLE_LENGTHS))}: {seconds:.2f} s")
    found = {row["length"]: row["members"] for row in rows}
    assert sorted(row["length"] for row in rows) == sorted(CYCLE_LENGTHS), "each cycle once"
    for length, members in rings.items():
        assert set(found[length]) == members and len(found[length]) == length
        assert found[length][0] == min(members)  # rotated so that the smallest id comes first
