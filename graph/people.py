"""People at risk (docs/domain.md, "People at risk"): which outcomes hang on one person, and who retires.

The contribution graph from the staff to the outcomes (cypher/people_contribution_graph.cypher) gets a root
above every ASN; an element *dominates* an outcome goal or IKU when every path from the root (from any staff
member's work) to it passes through that element. An ASN is a **single point of failure** of an outcome when
the ASN node itself dominates it (their work is the only work that reaches it) or when a dominating element
is held by that ASN alone (everyone's work towards the outcome passes through what only they are assigned
to). Being assigned to an outcome goal or IKU is no path of work to it (the head of an OPD is assigned to its
sasaran: that would bypass everyone's work), and the outcome itself, and for an IKU the sasaran it measures,
do not count as what hangs on one person: that their penanggung jawab is one person is the plan's design.
Dominators are computed once for the whole graph (Cooper, Harvey and Kennedy's iterative algorithm, linear in
practice, on lists of node numbers), so the cost does not grow with the number of outcomes; the graph arrives
as one row of id lists (a row per edge cost the driver seconds at kabupaten scale).

That row and the lists built from it grow with the graph read: about 1.5 KB per ASN in this process (on the whole
nation, 4.4 million ASN, it passed 6 GB before it was stopped), and as much again on the server's heap. So a scope
holding more than PEOPLE_LIMIT ASN (POKIN_PEOPLE_LIMIT, 500,000 by default: a big province with its kabupaten)
is refused with ScopeTooLarge before anything is read; one Pemda's version (`datasets`) answers at any size of
the graph around it (docs/scaling.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from graph.catalog import Catalog
from graph.db import Reader

ROOT = "__staff__"  # the virtual root above every ASN
NONE, SEVERAL = -1, -2  # holder of an element: nobody, several ASN
PEOPLE_LIMIT = int(os.environ.get("POKIN_PEOPLE_LIMIT", "500000"))  # ASN in a scope the dominators are worked for
_STAFF_ALL = "MATCH (s:ASN) RETURN count(s) AS staff"  # Neo4j's count store: no node read
_STAFF_OF = "UNWIND $datasets AS dataset MATCH (s:ASN {dataset: dataset}) RETURN count(s) AS staff"


class ScopeTooLarge(ValueError):
    """The version scope holds more ASN than the people answers are worked out for in one process."""

    def __init__(self, staff: int, limit: int) -> None:
        super().__init__(
            f"the people answers are worked out for at most {limit:,} ASN at once and this scope holds {staff:,}: "
            "name one Pemda's version (datasets) or raise POKIN_PEOPLE_LIMIT on a machine with the memory for it"
        )
        self.staff, self.limit = staff, limit


@dataclass
class CompactGraph:
    """The same graph on node numbers (0 is ROOT): lists of ints, so the dominator pass hashes no strings and
    builds no dict per node. `holder[n]`: the ASN node holding element n alone, NONE or SEVERAL; `targets`:
    (node, the node of the goal an IKU measures or NONE, `goal` or `iku`)."""

    names: list[str]
    successors: list[list[int]]
    staff: bytearray
    holder: list[int]
    targets: list[tuple[int, int, str]]


def build(
    edges: tuple[list[str], list[str]],
    assigned: tuple[list[str], list[str]],
    goals: list[str],
    iku: tuple[list[str], list[str]],
) -> CompactGraph:
    """The graph from parallel lists of names (edges and ASN assignments as (sources, targets)); each ASN gets
    an edge to what they are assigned to (an outcome target excepted: being accountable for it is no path of
    work to it) and ROOT an edge to every ASN assigned to anything."""
    names = [ROOT, *dict.fromkeys(chain(*edges, *assigned, goals, *iku))]
    number = {name: position for position, name in enumerate(names)}
    successors: list[list[int]] = [[] for _ in names]
    for source, target in zip([number[name] for name in edges[0]], [number[name] for name in edges[1]]):
        successors[source].append(target)
    targets = [(number[goal], NONE, "goal") for goal in dict.fromkeys(goals)]
    targets += [(number[indicator], number[goal], "iku") for indicator, goal in dict(zip(*iku)).items()]
    aimed = {node for node, _, _ in targets}
    staff, holder = bytearray(len(names)), [NONE] * len(names)
    for nip, element in zip([number[name] for name in assigned[0]], [number[name] for name in assigned[1]]):
        staff[nip] = 1
        holder[element] = nip if holder[element] in (NONE, nip) else SEVERAL
        if element not in aimed:
            successors[nip].append(element)
    successors[0] = [node for node in range(len(names)) if staff[node]]
    return CompactGraph(names, successors, staff, holder, targets)


def contribution_graph(runner: Reader, catalog: Catalog) -> CompactGraph:
    """Neo4j's contribution graph (cypher/people_contribution_graph.cypher: one row of id lists) on numbers."""
    row = catalog.run(runner, "people_contribution_graph", packed=False)[0]
    return build(
        (row["edge_from"], row["edge_to"]),
        (row["assigned_from"], row["assigned_to"]),
        row["goals"],
        (row["iku"], row["iku_measures"]),
    )


def dominators(successors: list[list[int]], root: int = 0) -> list[int]:
    """node -> its immediate dominator (root -> root, NONE when unreachable from root): Cooper, Harvey and
    Kennedy's iterative algorithm on lists of ints. A node with one predecessor is dominated by it at once and
    never revisited (in this graph most are: an ASN below ROOT, an RHK below its one holder), so the passes
    to a fixed point walk only the nodes where paths meet."""
    order = _reverse_postorder(successors, root)
    rank = [len(successors)] * len(successors)
    for position, node in enumerate(order):
        rank[node] = position
    predecessors: list[list[int]] = [[] for _ in successors]
    for node in order:
        for nxt in successors[node]:
            predecessors[nxt].append(node)
    idom = [NONE] * len(successors)
    idom[root] = root
    meeting = [node for node in order[1:] if len(predecessors[node]) > 1]
    only = [before[0] if len(before) == 1 else NONE for before in predecessors]
    todo = order[1:]  # the first pass, in reverse postorder, sets every node; later passes only the meetings
    changed = True
    while changed:
        changed = False
        for node in todo:
            if only[node] != NONE:
                idom[node] = only[node]
                continue
            chosen = NONE
            for pred in predecessors[node]:
                if idom[pred] == NONE:
                    continue
                if chosen == NONE:
                    chosen = pred
                    continue
                while pred != chosen:  # the two fingers climb until they meet
                    while rank[pred] > rank[chosen]:
                        pred = idom[pred]
                    while rank[chosen] > rank[pred]:
                        chosen = idom[chosen]
            if idom[node] != chosen:
                idom[node] = chosen
                changed = True
        todo = meeting
    return idom


def _reverse_postorder(successors: list[list[int]], root: int) -> list[int]:
    """Depth-first from root, iteratively (chains thousands deep), in reverse postorder."""
    seen = bytearray(len(successors))
    seen[root] = 1
    post: list[int] = []
    stack = [(root, iter(successors[root]))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if not seen[child]:
                seen[child] = 1
                stack.append((child, iter(successors[child])))
                break
        else:
            post.append(node)
            stack.pop()
    post.reverse()
    return post


def dependencies(graph: CompactGraph, idom: list[int]) -> dict[tuple[str, str], dict[str, Any]]:
    """(nip, target) -> {via: the elements on every path to the target that only that ASN holds, nearest first,
    sole: whether the ASN's own work is the only work reaching it}, for every single point of failure."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    names, staff, holder = graph.names, graph.staff, graph.holder
    for target, measures, _ in graph.targets:
        node = idom[target]
        if node == NONE:
            continue  # no staff member's work reaches it at all
        while node != 0:
            if staff[node]:
                found.setdefault((names[node], names[target]), {"via": [], "sole": False})["sole"] = True
            elif node != measures and holder[node] >= 0:
                key = (names[holder[node]], names[target])
                found.setdefault(key, {"via": [], "sole": False})["via"].append(names[node])
            node = idom[node]
    return found


def single_points_of_failure(
    runner: Reader, catalog: Catalog, datasets: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One row per (ASN, outcome goal or IKU) hanging on them: nip, target, target_kind, via (the elements only
    they hold that every path to it passes, nearest first), sole (their work is the only work reaching it).
    `datasets`, here and below: the versions read (None: the default scope, graph/versions.py). The rows the
    importer keeps (graph/importer/people_kept.py) when they are current for this scope, else computed."""
    catalog = catalog.within(runner, datasets)
    kept = kept_rows(runner, catalog)
    return kept if kept is not None else computed(runner, catalog)


def computed(runner: Reader, catalog: Catalog) -> list[dict[str, Any]]:
    """single_points_of_failure's rows worked out from the whole contribution graph of the catalog's scope
    (ScopeTooLarge beyond PEOPLE_LIMIT ASN, before anything is read)."""
    check_scope(runner, catalog)
    graph = contribution_graph(runner, catalog)
    found = dependencies(graph, dominators(graph.successors))
    kinds = {graph.names[target]: kind for target, _, kind in graph.targets}
    return [
        {"nip": nip, "target": target, "target_kind": kinds[target], **entry}
        for (nip, target), entry in sorted(found.items())
    ]


def check_scope(runner: Reader, catalog: Catalog, limit: int | None = None) -> None:
    """Refuse (ScopeTooLarge) a version scope of more than `limit` (PEOPLE_LIMIT) ASN: the whole contribution graph
    of the scope is read into this process."""
    limit = PEOPLE_LIMIT if limit is None else limit
    datasets = catalog.scope(runner)
    found = runner.read(_STAFF_ALL) if datasets is None else runner.read(_STAFF_OF, {"datasets": list(datasets)})
    staff = int(found[0]["staff"])
    if staff > limit:
        raise ScopeTooLarge(staff, limit)


def kept_rows(runner: Reader, catalog: Catalog) -> list[dict[str, Any]] | None:
    """The rows the importer keeps on the import lock node (cypher/people_kept.cypher), when its record says they
    are current for the graph as it is and were worked out for the catalog's scope; None otherwise."""
    row = catalog.run(runner, "people_kept", packed=False)[0]
    if not row["known"]:
        return None
    vias, position = [], 0
    for count in row["via_count"]:
        vias.append(row["via"][position : position + count])
        position += count
    return [
        {"nip": nip, "target": target, "target_kind": kind, "via": via, "sole": sole}
        for nip, target, kind, via, sole in zip(row["nip"], row["target"], row["kind"], vias, row["sole"])
    ]


def retirements(
    runner: Reader,
    catalog: Catalog,
    year: int,
    ages: dict[str, int] | None = None,
    spof: list[dict[str, Any]] | None = None,
    datasets: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The retirements query's rows, each with `loses`: the outcome goals and IKU whose only human contributor
    the person is (they lose every contributor when the person retires) and `hangs_on`: those that depend on
    them through what only they hold (`spof`: single_points_of_failure's rows when the caller has them)."""
    catalog = catalog.within(runner, datasets)
    rows = catalog.run(runner, "retirements", {"year": year, **(ages or {})})
    if not rows:
        return rows
    if spof is None:
        spof = single_points_of_failure(runner, catalog)
    hanging: dict[str, list[dict[str, Any]]] = {}
    for item in spof:
        hanging.setdefault(item["nip"], []).append(item)
    for row in rows:
        mine = hanging.get(row["nip"], [])
        row["loses"] = [item["target"] for item in mine if item["sole"]]
        row["hangs_on"] = [item["target"] for item in mine if not item["sole"]]
    return rows


def by_person(rows: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """nip -> the targets hanging on them."""
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["nip"], []).append(row["target"])
    return out


def intervensi_chain(
    runner: Reader, catalog: Catalog, nip: str, datasets: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The ASN and their atasan up to the first head of an OPD, each with `break_reason`: why their RHK intervene
    in nothing of the next one's (rhk_without_intervention; None when they do)."""
    catalog = catalog.within(runner, datasets)
    chain = []
    for row in catalog.run(runner, "atasan_chain", {"nip": nip}):
        chain.append(row)
        if row["head"]:
            break
    reasons: dict[str, str] = {}
    for unit in sorted({row["unit_id"] for row in chain if row["unit_id"] is not None}):
        reasons.update(
            {found["nip"]: found["reason"] for found in catalog.run(runner, "rhk_without_intervention", {"unit": unit})}
        )
    unplaced = any(row["unit_id"] is None for row in chain)
    if unplaced:  # an ASN of no unit: only the whole graph's check names them
        reasons.update(
            {
                found["nip"]: found["reason"]
                for found in catalog.run(runner, "rhk_without_intervention", {})
                if found["unit_id"] is None
            }
        )
    return [dict(row, break_reason=reasons.get(row["nip"])) for row in chain]


MOVE_COLUMNS = ["kind", "nip", "name", "unit_id", "unit_name", "target", "target_kind", "via", "detail"]
NOT_CARRIED = "RHK tidak ikut pindah: di unit baru belum ada RHK, perlu disusun bersama atasan baru"


class MoveError(LookupError):
    """An unknown NIP or destination unit: the caller names it back to whoever asked."""


def what_if_move(
    runner: Reader, catalog: Catalog, nip: str, to: str | None = None, datasets: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The mutasi of one ASN, before it happens (docs/domain.md, "People at risk"). Rows (MOVE_COLUMNS) by kind:
    `loses` (an outcome goal or IKU whose only human contributor they are), `hangs_on` (one whose every path of
    work passes through what only they hold, `via`), `intervensi_break` (a staff member reporting to them whose
    results reach theirs, `via`: the person's RHK stop being anyone's once they leave), and with `to`, `gains`
    (the new unit gains the person, and none of their RHK: RHK belong to the position, not to the person)."""
    catalog = catalog.within(runner, datasets)
    rows = catalog.run(runner, "what_if_move", {"nip": nip, "to": to})
    person = next((row for row in rows if row["kind"] == "person"), None)
    if person is None:
        raise MoveError(f"no ASN with NIP '{nip}'")
    if to is not None and not any(row["kind"] == "to" for row in rows):
        raise MoveError(f"no unit '{to}'")
    spof = [item for item in single_points_of_failure(runner, catalog) if item["nip"] == nip]
    out = [
        _move_row(
            "loses" if item["sole"] else "hangs_on",
            person,
            target=item["target"],
            target_kind=item["target_kind"],
            via=item["via"],
            detail="kehilangan satu-satunya kontributor"
            if item["sole"]
            else "setiap jalur kerja melewati yang hanya dipegangnya",
        )
        for item in sorted(spof, key=lambda item: (not item["sole"], item["target"]))
    ]
    out += [
        _move_row(
            "intervensi_break",
            row,
            via=row["reaches"],
            detail="RHK-nya mengintervensi RHK yang ditinggalkan; tanpa atasan sampai ada pengganti",
        )
        for row in rows
        if row["kind"] == "report"
    ]
    out += [
        _move_row("gains", dict(person, unit_id=row["unit_id"], unit_name=row["unit_name"]), detail=NOT_CARRIED)
        for row in rows
        if row["kind"] == "to"
    ]
    return out


def _move_row(kind: str, who: dict[str, Any], **fields: Any) -> dict[str, Any]:
    row = {
        "kind": kind,
        "nip": who["nip"],
        "name": who["name"],
        "unit_id": who["unit_id"],
        "unit_name": who["unit_name"],
        "target": None,
        "target_kind": None,
        "via": [],
        "detail": None,
    }
    row.update(fields)
    return row
