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
practice), so the cost does not grow with the number of outcomes.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.catalog import Catalog
from graph.db import Reader

ROOT = "__staff__"  # the virtual root above every ASN


@dataclass
class ContributionGraph:
    """The edges, the targets (outcome goals and IKU) and who holds each element."""

    successors: dict[str, list[str]] = field(default_factory=dict)
    staff: set[str] = field(default_factory=set)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    holders: dict[str, list[str]] = field(default_factory=dict)

    def add_edge(self, source: str, target: str) -> None:
        self.successors.setdefault(source, []).append(target)
        self.successors.setdefault(target, [])


def contribution_graph(runner: Reader, catalog: Catalog) -> ContributionGraph:
    graph = ContributionGraph()
    assigned = []
    for row in catalog.run(runner, "people_contribution_graph"):
        if row["kind"] == "edge":
            graph.add_edge(row["source"], row["target"])
        elif row["kind"] == "assigned":
            assigned.append((row["source"], row["target"]))
        elif row["kind"] == "target":
            graph.targets[row["source"]] = {"kind": row["label"], "measures": row["measures"]}
        else:
            graph.holders[row["source"]] = sorted(row["holders"])
            graph.staff.update(row["holders"])
    for nip, element in assigned:  # being accountable for an outcome is no path of work to it
        if element not in graph.targets:
            graph.add_edge(nip, element)
    for nip in sorted(graph.staff):
        graph.add_edge(ROOT, nip)
    return graph


def immediate_dominators(successors: dict[str, list[str]], root: str) -> dict[str, str]:
    """node -> its immediate dominator, for every node reachable from root (root -> root)."""
    order = _reverse_postorder(successors, root)
    index = {node: number for number, node in enumerate(order)}
    predecessors: dict[str, list[str]] = {node: [] for node in order}
    for node in order:
        for nxt in successors.get(node, ()):
            predecessors[nxt].append(node)
    idom = {root: root}
    changed = True
    while changed:
        changed = False
        for node in order[1:]:
            chosen = None
            for pred in predecessors[node]:
                if pred in idom:
                    chosen = pred if chosen is None else _intersect(idom, index, pred, chosen)
            if chosen is not None and idom.get(node) != chosen:
                idom[node] = chosen
                changed = True
    return idom


def _intersect(idom: dict[str, str], index: dict[str, int], a: str, b: str) -> str:
    while a != b:
        while index[a] > index[b]:
            a = idom[a]
        while index[b] > index[a]:
            b = idom[b]
    return a


def _reverse_postorder(successors: dict[str, list[str]], root: str) -> list[str]:
    """Depth-first from root, iteratively (chains thousands deep), in reverse postorder."""
    seen, post, stack = {root}, [], [(root, iter(successors.get(root, ())))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(successors.get(child, ()))))
                break
        else:
            post.append(node)
            stack.pop()
    return post[::-1]


def dependencies(graph: ContributionGraph, idom: dict[str, str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(nip, target) -> {via: the elements on every path to the target that only that ASN holds, sole: whether
    the ASN's own work is the only work reaching it}, for every single point of failure."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for target, info in graph.targets.items():
        if target not in idom:
            continue  # no staff member's work reaches it at all
        own = {target, info.get("measures")}
        node = idom[target]
        while node != ROOT:
            if node in graph.staff:
                found.setdefault((node, target), {"via": [], "sole": False})["sole"] = True
            elif node not in own and len(graph.holders.get(node, ())) == 1:
                found.setdefault((graph.holders[node][0], target), {"via": [], "sole": False})["via"].append(node)
            node = idom[node]
    return found


def single_points_of_failure(runner: Reader, catalog: Catalog) -> list[dict[str, Any]]:
    """One row per (ASN, outcome goal or IKU) hanging on them: nip, target, target_kind, via (the elements only
    they hold that every path to it passes, nearest first), sole (their work is the only work reaching it)."""
    graph = contribution_graph(runner, catalog)
    found = dependencies(graph, immediate_dominators(graph.successors, ROOT))
    return [{"nip": nip, "target": target, "target_kind": graph.targets[target]["kind"], **entry}
            for (nip, target), entry in sorted(found.items())]


def retirements(runner: Reader, catalog: Catalog, year: int,
                ages: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The retirements query's rows, each with `loses`: the outcome goals and IKU whose only human contributor
    the person is (they lose every contributor when the person retires) and `hangs_on`: those that depend on
    them through what only they hold."""
    rows = catalog.run(runner, "retirements", {"year": year, **(ages or {})})
    if not rows:
        return rows
    spof = single_points_of_failure(runner, catalog)
    for row in rows:
        mine = [item for item in spof if item["nip"] == row["nip"]]
        row["loses"] = [item["target"] for item in mine if item["sole"]]
        row["hangs_on"] = [item["target"] for item in mine if not item["sole"]]
    return rows


def by_person(rows: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """nip -> the targets hanging on them."""
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["nip"], []).append(row["target"])
    return out


def intervensi_chain(runner: Reader, catalog: Catalog, nip: str) -> list[dict[str, Any]]:
    """The ASN and their atasan up to the first head of an OPD, each with `break_reason`: why their RHK intervene
    in nothing of the next one's (rhk_without_intervention; None when they do)."""
    chain = []
    for row in catalog.run(runner, "atasan_chain", {"nip": nip}):
        chain.append(row)
        if row["head"]:
            break
    reasons: dict[str, str] = {}
    for unit in sorted({row["unit_id"] for row in chain if row["unit_id"] is not None}):
        reasons.update({found["nip"]: found["reason"]
                        for found in catalog.run(runner, "rhk_without_intervention", {"unit": unit})})
    unplaced = any(row["unit_id"] is None for row in chain)
    if unplaced:  # an ASN of no unit: only the whole graph's check names them
        reasons.update({found["nip"]: found["reason"]
                        for found in catalog.run(runner, "rhk_without_intervention", {}) if found["unit_id"] is None})
    return [dict(row, break_reason=reasons.get(row["nip"])) for row in chain]


MOVE_COLUMNS = ["kind", "nip", "name", "unit_id", "unit_name", "target", "target_kind", "via", "detail"]
NOT_CARRIED = "RHK tidak ikut pindah: di unit baru belum ada RHK, perlu disusun bersama atasan baru"


class MoveError(LookupError):
    """An unknown NIP or destination unit: the caller names it back to whoever asked."""


def what_if_move(runner: Reader, catalog: Catalog, nip: str, to: str | None = None) -> list[dict[str, Any]]:
    """The mutasi of one ASN, before it happens (docs/domain.md, "People at risk"). Rows (MOVE_COLUMNS) by kind:
    `loses` (an outcome goal or IKU whose only human contributor they are), `hangs_on` (one whose every path of
    work passes through what only they hold, `via`), `intervensi_break` (a staff member reporting to them whose
    results reach theirs, `via`: the person's RHK stop being anyone's once they leave), and with `to`, `gains`
    (the new unit gains the person, and none of their RHK: RHK belong to the position, not to the person)."""
    rows = catalog.run(runner, "what_if_move", {"nip": nip, "to": to})
    person = next((row for row in rows if row["kind"] == "person"), None)
    if person is None:
        raise MoveError(f"no ASN with NIP '{nip}'")
    if to is not None and not any(row["kind"] == "to" for row in rows):
        raise MoveError(f"no unit '{to}'")
    spof = [item for item in single_points_of_failure(runner, catalog) if item["nip"] == nip]
    out = [_move_row("loses" if item["sole"] else "hangs_on", person, target=item["target"],
                     target_kind=item["target_kind"], via=item["via"],
                     detail="kehilangan satu-satunya kontributor" if item["sole"] else
                     "setiap jalur kerja melewati yang hanya dipegangnya")
           for item in sorted(spof, key=lambda item: (not item["sole"], item["target"]))]
    out += [_move_row("intervensi_break", row, via=row["reaches"],
                      detail="RHK-nya mengintervensi RHK yang ditinggalkan; tanpa atasan sampai ada pengganti")
            for row in rows if row["kind"] == "report"]
    out += [_move_row("gains", dict(person, unit_id=row["unit_id"], unit_name=row["unit_name"]),
                      detail=NOT_CARRIED) for row in rows if row["kind"] == "to"]
    return out


def _move_row(kind: str, who: dict[str, Any], **fields: Any) -> dict[str, Any]:
    row = {"kind": kind, "nip": who["nip"], "name": who["name"], "unit_id": who["unit_id"],
           "unit_name": who["unit_name"], "target": None, "target_kind": None, "via": [], "detail": None}
    row.update(fields)
    return row
