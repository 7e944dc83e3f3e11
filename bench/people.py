"""The people queries' answers computed with networkx on the graph read back (bench/run.py load_networkx).

The reference the tests compare the Cypher with on the sample, and the baseline bench/run.py times beside
it: the rules are those of docs/domain.md ("RHK, intervensi and the Matriks Peran Hasil").
"""

from __future__ import annotations

from typing import Any

from graph.model import OUTCOME_LEVELS


def _edges(graph: Any, kind: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b, data in graph.edges(data=True) if data["type"] == kind]


def _opd_of(graph: Any, parent: dict[str, str], unit: str | None) -> str | None:
    """The perangkat daerah a unit is or lies in (PART_OF upward), None outside any."""
    seen: set[str] = set()
    while unit is not None and unit not in seen:
        if graph.nodes[unit].get("kind") == "perangkat_daerah":
            return unit
        seen.add(unit)
        unit = parent.get(unit)
    return None


def rhk_without_intervention(graph: Any) -> dict[str, str]:
    """nip -> reason, for every ASN whose results reach nothing their atasan (a head: their OPD's sasaran)
    is assigned to."""
    import networkx as nx

    up = nx.DiGraph()
    up.add_edges_from(_edges(graph, "CONTRIBUTES_TO"))
    parent = {a: b for a, b in _edges(graph, "PART_OF") if graph.nodes[a]["label"] == "Unit"}
    member: dict[str, str] = {}
    for nip, member_unit in sorted(_edges(graph, "MEMBER_OF"), reverse=True):
        member[nip] = member_unit  # the first unit by id, as the query takes
    boss = dict(sorted(_edges(graph, "REPORTS_TO"), reverse=True))
    held: dict[str, set[str]] = {}
    for who, what in _edges(graph, "ASSIGNED_TO"):
        held.setdefault(who, set()).add(what)
    results = {
        who: {e for e in held.get(who, set()) if graph.nodes[e]["label"] in ("Goal", "Indicator")}
        for who in graph.nodes
    }
    contributing = _contributing_in_data(graph)
    found: dict[str, str] = {}
    for nip, data in graph.nodes(data=True):
        if data["label"] != "ASN":
            continue
        unit = member.get(nip)
        opd = _opd_of(graph, parent, unit)
        atasan = boss.get(nip)
        head = (
            unit is not None
            and graph.nodes[unit].get("kind") == "perangkat_daerah"
            and (atasan is None or _opd_of(graph, parent, member.get(atasan)) != opd)
        )
        if head:
            targets = {
                g
                for g in held.get(opd or "", set())
                if graph.nodes[g]["label"] == "Goal" and graph.nodes[g]["level"] == "sasaran"
            }
        else:
            targets = results[atasan] if atasan is not None else set()
        mine = results[nip]
        reached = set(mine).union(*(nx.descendants(up, r) for r in mine if r in up))
        if mine and targets and reached & targets:
            continue
        found[nip] = (
            "no_rhk"
            if not mine
            else "opd_without_sasaran"
            if head and not targets
            else "no_atasan"
            if not head and atasan is None
            else "atasan_without_rhk"
            if not head and not targets
            else "leads_elsewhere"
            if any(r in contributing for r in mine)
            else "leads_nowhere"
        )
    return found


def _contributing_in_data(graph: Any) -> set[str]:
    """The results that contribute somewhere by an edge of the data (the implied indicator→goal edges left
    out), or are an indicator of a goal that does: an ASN holding one leads elsewhere, not nowhere."""
    real = {a for a, _b, data in graph.edges(data=True) if data["type"] == "CONTRIBUTES_TO" and not data["implied"]}
    measures: dict[str, list[str]] = {}
    for goal, indicator in _edges(graph, "MEASURED_BY"):
        measures.setdefault(indicator, []).append(goal)
    return real | {indicator for indicator, goals in measures.items() if any(g in real for g in goals)}


OUTCOME = OUTCOME_LEVELS
ROOT = "__staff__"


def single_points_of_failure(graph: Any, iku: dict[str, Any]) -> set[tuple[str, str, tuple[str, ...], bool]]:
    """(nip, outcome goal or IKU, the elements only that ASN holds on every path, whether the ASN's work is the
    only work reaching it) from networkx's dominators
    (`iku`: indicator id -> its iku flag, which load_networkx does not read)."""
    import networkx as nx

    flow = nx.DiGraph()
    holders: dict[str, set[str]] = {}
    for a, b, data in graph.edges(data=True):
        if data["type"] == "ASSIGNED_TO" and graph.nodes[a]["label"] == "ASN":
            flow.add_edge(ROOT, a)
            holders.setdefault(b, set()).add(a)
        elif data["type"] == "CONTRIBUTES_TO":
            flow.add_edge(a, b)
        elif data["type"] == "MEASURED_BY" and graph.nodes[a]["label"] == "Goal":
            flow.add_edge(a, b)  # the goal's work is its indicators' work
    targets = {n: None for n, d in graph.nodes(data=True) if d["label"] == "Goal" and d["level"] in OUTCOME}
    for g, i, data in graph.edges(data=True):
        if (
            data["type"] == "MEASURED_BY"
            and graph.nodes[g]["label"] == "Goal"
            and (iku.get(i) is True or (iku.get(i) is None and graph.nodes[g]["level"] == "sasaran"))
        ):
            targets[i] = g
    for element, people in holders.items():  # being accountable for an outcome is no path of work to it
        if element not in targets:
            flow.add_edges_from((nip, element) for nip in people)
    if ROOT not in flow:
        return set()
    idom = nx.immediate_dominators(flow, ROOT)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for target, measures in targets.items():
        if target not in idom:
            continue
        node = idom[target]
        while node != ROOT:
            if graph.nodes[node]["label"] == "ASN":
                found.setdefault((node, target), {"via": [], "sole": False})["sole"] = True
            elif node not in (target, measures) and len(holders.get(node, ())) == 1:
                found.setdefault((next(iter(holders[node])), target), {"via": [], "sole": False})["via"].append(node)
            node = idom[node]
    return {(nip, target, tuple(entry["via"]), entry["sole"]) for (nip, target), entry in found.items()}


def intervensi_breaks_of_a_move(graph: Any, nip: str) -> dict[str, list[str]]:
    """staff nip -> the person's goals and indicators their results reach, for every ASN reporting to `nip` whose
    intervensi a mutasi of `nip` breaks (a head of an OPD, checked against the OPD's sasaran, never)."""
    import networkx as nx

    up = nx.DiGraph()
    up.add_edges_from(_edges(graph, "CONTRIBUTES_TO"))
    parent = {a: b for a, b in _edges(graph, "PART_OF") if graph.nodes[a]["label"] == "Unit"}
    units: dict[str, set[str]] = {}
    for who, unit in _edges(graph, "MEMBER_OF"):
        units.setdefault(who, set()).add(unit)
    held: dict[str, set[str]] = {}
    for who, what in _edges(graph, "ASSIGNED_TO"):
        if graph.nodes[what]["label"] in ("Goal", "Indicator"):
            held.setdefault(who, set()).add(what)
    targets = held.get(nip, set())
    found: dict[str, list[str]] = {}
    for staff in sorted({a for a, b in _edges(graph, "REPORTS_TO") if b == nip and a != nip}):
        home = min(units.get(staff, set()), default=None)
        if (
            home is not None
            and graph.nodes[home].get("kind") == "perangkat_daerah"
            and not any(home in _above(parent, mine) for mine in units.get(nip, set()))
        ):
            continue  # a head of an OPD whose atasan works outside it
        reached = set().union(*({r} | (nx.descendants(up, r) if r in up else set()) for r in held.get(staff, ())))
        if reached & targets:
            found[staff] = sorted(reached & targets)
    return found


def _above(parent: dict[str, str], unit: str) -> set[str]:
    """The unit and every unit it is PART_OF, however far up."""
    seen = {unit}
    while parent.get(unit) is not None and parent[unit] not in seen:
        unit = parent[unit]
        seen.add(unit)
    return seen


# -- the side-by-side timing (bench/run.py `--only people`) -------------------------------------------------------


CPU_MS: dict[str, float] = {}  # the last _timed call's median CPU time of this process, in ms


def _timed(work: Any, runs: int) -> tuple[Any, float]:
    """work()'s answer and its median wall time in ms over `runs` runs (after one untimed warm-up run); the
    median CPU time this process spent (the server's not included) is left in CPU_MS["last"]."""
    import statistics
    import time

    answer = work()
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        answer = work()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    CPU_MS["last"] = statistics.median(cpu)
    return answer, statistics.median(times)


def bench_people(runner: Any, load_graph: Any, year: int, runs: int) -> dict[str, Any]:
    """pokin's people queries and networkx computing the same rules on the graph read back, side by side in one
    run: each p50 over `runs` runs, whether the answers agree, and what networkx's read-back cost (not counted
    in its figures, as in the audit comparison)."""
    import time

    from graph import people
    from graph.catalog import load_catalog

    catalog = load_catalog()
    started = time.perf_counter()
    graph = load_graph(runner)
    read_back_s = time.perf_counter() - started
    iku = {
        row["id"]: row["iku"]
        for row in runner.read("MATCH (i:Indicator) RETURN i.id AS id, i.iku AS iku", timeout=3600)
    }
    out: dict[str, Any] = {"runs": runs, "networkx_read_back_s": read_back_s, "year": year}
    mine, ms = _timed(lambda: people.single_points_of_failure(runner, catalog), runs)
    cpu = CPU_MS["last"]
    theirs, nx_ms = _timed(lambda: single_points_of_failure(graph, iku), runs)
    ours = {(row["nip"], row["target"], tuple(row["via"]), row["sole"]) for row in mine}
    out["single_points_of_failure"] = {
        "rows": len(ours),
        "pokin_ms_p50": ms,
        "pokin_client_cpu_ms_p50": cpu,
        "networkx_ms_p50": nx_ms,
        "networkx_cpu_ms_p50": CPU_MS["last"],
        "equal": ours == theirs,
    }
    rhk, ms = _timed(lambda: catalog.run(runner, "rhk_without_intervention", {}, timeout=3600), runs)
    reference, nx_ms = _timed(lambda: rhk_without_intervention(graph), runs)
    out["rhk_without_intervention"] = {
        "rows": len(rhk),
        "pokin_ms_p50": ms,
        "networkx_ms_p50": nx_ms,
        "equal": {row["nip"]: row["reason"] for row in rhk} == reference,
    }
    retiring, ms = _timed(lambda: people.retirements(runner, catalog, year), runs)
    out["retirements"] = {
        "rows": len(retiring),
        "pokin_ms_p50": ms,
        "networkx": "no networkx counterpart: a date in the NIP, not a graph question",
    }
    out["what_if_move"] = _move(runner, catalog, graph, iku, runs)
    out["kept"] = _kept(runner, catalog, runs)
    return out


def _kept(runner: Any, catalog: Any, runs: int) -> dict[str, Any]:
    """What the importer's kept answers save (graph/importer/people_kept.py): the time to keep them once (paid by
    every import call), and single_points_of_failure and rhk_without_intervention worked out in full as a
    scope other than the kept one, or a graph written outside the importer, gets them (the record made stale for
    the time of those runs, then restored)."""
    import time

    from graph import people
    from graph.importer import people_kept

    started = time.perf_counter()
    people_kept.keep(runner)
    kept_s = time.perf_counter() - started
    flip = "MATCH (lock:PokinImportLock) SET lock.people_nodes = -1 - lock.people_nodes"
    runner.write(flip)
    try:
        assert not people_kept.current(runner)
        _, spof_ms = _timed(lambda: people.single_points_of_failure(runner, catalog), runs)
        _, rhk_ms = _timed(lambda: catalog.run(runner, "rhk_without_intervention", {}, timeout=3600), runs)
    finally:
        runner.write(flip)
    return {
        "keep_s": kept_s,
        "current": people_kept.current(runner),
        "single_points_of_failure_in_full_ms_p50": spof_ms,
        "rhk_without_intervention_in_full_ms_p50": rhk_ms,
    }


if __name__ == "__main__":
    import argparse
    from pathlib import Path

    from bench.run import run

    parser = argparse.ArgumentParser(description="The people queries beside networkx (BENCHMARKS.md).")
    parser.add_argument("--scale", default="kabupaten", choices=["tiny", "kabupaten", "provinsi"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    run(args.scale, ["load", "people"], args.out)


def _move(runner: Any, catalog: Any, graph: Any, iku: dict[str, Any], runs: int) -> dict[str, Any]:
    """what_if_move for the atasan with the most staff: pokin against networkx's dominators and descendants."""
    from graph import people

    nip = runner.read(
        "MATCH (s:ASN)-[:REPORTS_TO]->(p:ASN) WITH p, count(s) AS staff "
        "RETURN p.nip AS nip ORDER BY staff DESC, nip LIMIT 1"
    )[0]["nip"]
    rows, ms = _timed(lambda: people.what_if_move(runner, catalog, nip), runs)

    def reference() -> tuple[set[tuple[str, str, tuple[str, ...], bool]], dict[str, list[str]]]:
        return (
            {item for item in single_points_of_failure(graph, iku) if item[0] == nip},
            intervensi_breaks_of_a_move(graph, nip),
        )

    (hanging, breaks), nx_ms = _timed(reference, runs)
    mine_hanging = {
        (row["nip"], row["target"], tuple(row["via"]), row["kind"] == "loses")
        for row in rows
        if row["kind"] in ("loses", "hangs_on")
    }
    mine_breaks = {row["nip"]: row["via"] for row in rows if row["kind"] == "intervensi_break"}
    return {
        "nip_reports": len(mine_breaks),
        "rows": len(rows),
        "pokin_ms_p50": ms,
        "networkx_ms_p50": nx_ms,
        "equal": mine_hanging == hanging and mine_breaks == breaks,
    }
