"""Markdown tables from `pokin bench --out` JSON files: `python -m bench.report RESULT.json ...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def import_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | datasets | entities written | pokin importer | naive loader (measured rate → extrapolated) "
        "| Cypher-only ceiling | importer ÷ naive | importer ÷ ceiling | importer peak RSS | re-import, last dataset (then again) "
        "| first dataset right after the server started |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        i = r.get("import")
        if not i:
            continue
        imp, naive, ceil = i["importer"], i["naive"], i["ceiling"]
        again = i["reimport_last"]["datasets"][0]
        steady = (i.get("reimport_last_again") or {}).get("datasets", [{}])[0]
        lines.append(
            f"| {r['scale']} | {i['datasets']} | {_f(imp['entities_created'])} "
            f"| {_f(imp['seconds'])} s ({_f(imp['per_second'], 0)}/s; {_f(imp['wall_s'])} s with start-up) "
            f"| {_f(naive['per_second'], 0)}/s over {_f(naive['nodes'] + naive['edges'])} rows/edges → "
            f"~{_f(naive['extrapolated_s'], 0)} s "
            f"| {_f(ceil['seconds'])} s ({_f(ceil['per_second'], 0)}/s) | {_f(i['vs_naive'])}× | {_f(i['vs_ceiling'], 2)} "
            f"| {_f(imp['maxrss_kib'] / 1024, 0)} MiB | {_f(again['seconds'])} s, +{again['nodes_created']} nodes, "
            f"+{again['relationships_created']} rels"
            + (f"; again {_f(steady['seconds'])} s" if steady else "")
            + f" | {_cold(i.get('importer_cold'))} |"
        )
    return "\n".join(lines)


def _cold(cold: dict[str, Any] | None) -> str:
    """The importer's first dataset on a just-started server (no plans cached, JIT not warm)."""
    if not cold:
        return "–"
    return f"{_f(cold['seconds'])} s ({_f(cold['per_second'], 0)}/s; {_f(cold['wall_s'])} s with start-up)"


def load_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | datasets | entities written | importer (sum of datasets) | slowest dataset | wall clock "
        "| importer peak RSS | nodes | relationships | store after checkpoint | bytes per entity "
        "| rate, first → last tenth of the datasets |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = r.get("load")
        if d:
            lines.append(
                f"| {r['scale']} | {d['datasets']} | {_f(d['entities_created'])} | {_f(d['seconds'])} s "
                f"({_f(d['per_second'], 0)}/s) | {_seconds(d.get('slowest_dataset_s'))} | {_f(d['wall_s'])} s "
                f"| {_mib(d.get('maxrss_kib'))} | {_f(d['graph']['nodes'])} | {_f(d['graph']['edges'])} "
                f"| {_f(d['store_bytes'] / 2**30, 2)} GiB | {_f(d['bytes_per_entity'], 0)} "
                f"| {_tenths(d)} |"
            )
    return "\n".join(lines) if len(lines) > 2 else ""


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{_f(value)} s"


def _mib(kib: float | None) -> str:
    """A peak RSS, or a dash where the run could not measure it (bench/results/negara.json says why)."""
    return "–" if kib is None else f"{_f(kib / 1024, 0)} MiB"


def _tenths(load: dict[str, Any]) -> str:
    if "first_tenth_per_s" not in load:
        return "–"
    return f"{_f(load['first_tenth_per_s'], 0)}/s → {_f(load['last_tenth_per_s'], 0)}/s"


def query_table(result: dict[str, Any]) -> str:
    q = result.get("queries")
    if not q:
        return ""
    nx = q.get("networkx", {})
    graph = (result.get("import") or result.get("load") or {}).get("graph", {})
    if nx:
        baseline = (
            f"networkx: graph read back in {_f(nx.get('load_s'))} s ({_f(nx.get('nodes'))} nodes, "
            f"{_f(nx.get('edges'))} edges); all five audit answers computed in one pass in "
            f"{_f(nx.get('compute_all_ms_p50'), 0)} ms (p50)."
        )
    else:
        baseline = "networkx: not run at this scale (the graph would not fit in memory beside the server)."
    scoped = " Queries marked (unit=…) are scoped to that Pemda." if q.get("scoped_unit") else ""
    lines = [
        f"Scale **{result['scale']}**: {_f(graph.get('nodes', '?'))} nodes. {baseline}{scoped}",
        "",
        "| query | rows | p50 ms | p95 ms | runs | networkx agrees |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in q["queries"].items():
        agree = nx.get("agree", {}).get(name)
        if isinstance(agree, dict):
            agree = ("yes" if agree["equal"] else "**no**") + f" ({_f(agree['cypher'])} vs {_f(agree['networkx'])})"
        if "error" in entry:
            lines.append(f"| {name} | – | {entry['error'][:60]} | | | {agree or ''} |")
            continue
        lines.append(
            f"| {name} | {_f(entry['rows'])} | {_f(entry['p50_ms'])} | {_f(entry['p95_ms'])} "
            f"| {entry['runs']} | {agree or ''} |"
        )
    return "\n".join(lines)


def _verdict(pokin_ms: float, peer_ms: float) -> str:
    """How pokin stands against a peer in one cell: ahead when its median is lower, even within 10 %."""
    if pokin_ms and peer_ms and max(pokin_ms, peer_ms) / min(pokin_ms, peer_ms) < 1.1:
        return "even"
    if peer_ms >= pokin_ms:
        return f"pokin ahead {peer_ms / pokin_ms:.1f}×" if pokin_ms else "pokin ahead"
    return f"**pokin behind {pokin_ms / peer_ms:.1f}×**" if peer_ms else "**pokin behind**"


def peers_tables(result: dict[str, Any]) -> str:
    """Engines down, audit questions across, whole graph then one OPD: each peer's median beside pokin's,
    with the verdict, and whether its rows equal pokin's everywhere they were compared."""
    peers = result.get("peers")
    if not peers:
        return ""
    timings, checks = peers["timings"], peers["checks"]
    engines = peers["engines"]
    blocks = [
        f"Scale **{result['scale']}**, budget year {peers['year']}, median of {peers['runs']} warm runs "
        f"(engines in turn within each round). Rows of every peer compared with pokin's over the whole "
        f"graph and scoped to each of the {peers['opds_checked']} OPD. Load average at the start: "
        f"{_f((result.get('machine', {}).get('load_at_start') or [None])[0])} "
        f"on {result.get('machine', {}).get('cpus', '?')} CPUs."
    ]
    for scoped in (False, True):
        labels = [label for label in timings if ("(unit=" in label) == scoped]
        if not labels:
            continue
        title = f"scoped to one OPD ({peers['opd']})" if scoped else "whole graph"
        names = [label.split(" (unit=")[0] for label in labels]
        players = list(timings[labels[0]])
        lines = [
            f"| {result['scale']}, {title} | load s | " + " | ".join(names) + " |",
            "|---|---|" + "---|" * len(names),
        ]
        for player in players:
            info = engines.get(player, {})
            name = (
                "pokin (Neo4j, the catalog's Cypher)"
                if player == "pokin"
                else f"{player} {info.get('version', '')} ({info.get('settings', '')})"
            )
            cells = []
            for label, query in zip(labels, names):
                ms = timings[label][player]["p50_ms"]
                cell = f"{_f(ms)} ms"
                if player != "pokin":
                    cell += f", {_verdict(timings[label]['pokin']['p50_ms'], ms)}"
                    check = checks.get(player, {}).get(query, {})
                    if not check.get("equal", False):
                        cell += f", **rows differ** (at {check.get('at')})"
                cells.append(cell)
            load = "–" if player == "pokin" else _f(info.get("load_s"), 2)
            lines.append(f"| {name} | {load} | " + " | ".join(cells) + " |")
        blocks.append("\n".join(lines))
    for name, reason in peers.get("skipped", {}).items():
        blocks.append(f"{name} skipped: {reason}.")
    agree = all(c.get("equal") for per in checks.values() for c in per.values())
    blocks.append(
        (
            "Every peer's rows equal pokin's for every question and scope compared."
            if agree
            else "**Some rows differ: see `checks` in the results.**"
        )
        + f" Not asked of the peers: {', '.join(peers['not_expressed'])}."
        + f" Tables read back from Neo4j in {_f(peers['extract_s'])} s."
    )
    return "\n\n".join(blocks)


def service_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | clients | seconds | requests | req/s | p50 ms | p99 ms | errors (5xx/connection) | statuses |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        service = r.get("service") or {}
        variants = [(label, service[label]) for label in ("uncached", "cached") if label in service]
        if service and not variants:
            variants = [("", service)]
        for label, s in variants:
            lines.append(
                f"| {r['scale']}{' ' + label if label else ''} | {s['clients']} | {_f(s['seconds'])} "
                f"| {_f(s['requests'])} | {_f(s['rps'])} | {_f(s['p50_ms'])} | {_f(s['p99_ms'])} "
                f"| {s['errors']} | {s['statuses']} |"
            )
    return "\n".join(lines)


def view_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | view | rows from view_tree | nodes drawn | build s | render s | HTML |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name, v in (r.get("views") or {}).items():
            name = (
                f"{name} (from view_tree rows, none folded)" if v.get("from_rows") else f"{name} (cap {v['max_nodes']})"
            )
            lines.append(
                f"| {r['scale']} | {name} | {_f(v['rows'])} | {_f(v['drawn'])} "
                f"| {_f(v['build_s'], 2)} | {_f(v['render_s'], 2)} | {_f(v['html_bytes'] // 1024)} KiB |"
            )
    return "\n".join(lines)


def main(paths: list[str]) -> None:
    results = [json.loads(Path(p).read_text()) for p in paths if Path(p).exists()]
    for skipped in (r for r in results if r.get("skipped")):
        print(f"Scale **{skipped['scale']}** was not run: {skipped['skipped']}.\n")
    results = [r for r in results if not r.get("skipped")]
    if any(r.get("import") for r in results):
        print("## Import\n\n" + import_table(results) + "\n")
    if load_table(results):
        print("## Import only (pokin importer, every dataset)\n\n" + load_table(results) + "\n")
    for r in results:
        if query_table(r):
            print("## Queries\n\n" + query_table(r) + "\n")
    for r in results:
        if peers_tables(r):
            print("## Peers\n\n" + peers_tables(r) + "\n")
    if any(r.get("service") for r in results):
        print("## Service\n\n" + service_table(results) + "\n")
    if any(r.get("views") for r in results):
        print("## Views\n\n" + view_table(results))


if __name__ == "__main__":
    main(sys.argv[1:])
