"""The networkx peer: the graph pokin holds, prebuilt in memory once, then each audit question on its own.

`build` is the load (reported beside the queries): one DiGraph per relationship type, node attributes in
one dict. Each answer function then does its own traversal, as each Cypher query does, and returns the
rows of bench/peers_sql.py PEER_COLUMNS as tuples.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

OUTCOME = frozenset(("visi", "misi", "tujuan", "sasaran"))
CHECKED = frozenset(("tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"))


@dataclass
class Prebuilt:
    """The graph in memory: attributes per node and one networkx DiGraph per relationship type."""

    attrs: dict[str, dict[str, Any]]
    contributes: Any
    assigned: Any
    measured: Any
    member: Any
    part: Any

    def is_outcome(self, node: str) -> bool:
        a = self.attrs.get(node)
        return a is not None and a["label"] == "Goal" and a["level"] in OUTCOME

    def of_label(self, label: str) -> Iterable[str]:
        return (n for n, a in self.attrs.items() if a["label"] == label)

    def units_assigned(self, element: str) -> list[str]:
        return (
            [u for u in self.assigned.predecessors(element) if self.attrs[u]["label"] == "Unit"]
            if element in self.assigned
            else []
        )


def build(nodes: Iterable[tuple[Any, ...]], edges: Mapping[str, Iterable[tuple[Any, ...]]]) -> Prebuilt:
    """From the rows of the node table and each edge table (bench/peers.py extracts them)."""
    import networkx as nx

    attrs = {
        row[0]: {"label": row[1], "level": row[2], "kind": row[3], "year": row[4], "budget": row[5]} for row in nodes
    }
    graphs = {}
    for name in ("contributes_to", "assigned_to", "measured_by", "member_of", "part_of"):
        graph = nx.DiGraph()
        graph.add_edges_from((row[0], row[1]) for row in edges[name])
        graphs[name] = graph
    return Prebuilt(
        attrs,
        graphs["contributes_to"],
        graphs["assigned_to"],
        graphs["measured_by"],
        graphs["member_of"],
        graphs["part_of"],
    )


def reach(g: Prebuilt) -> set[str]:
    """Every element from which CONTRIBUTES_TO leads to an outcome: one search down from the outcomes."""
    found = {n for n in g.of_label("Goal") if g.is_outcome(n)}
    queue = deque(n for n in found if n in g.contributes)
    while queue:
        for below in g.contributes.predecessors(queue.popleft()):
            if below not in found:
                found.add(below)
                queue.append(below)
    return found


def _reaches_up(g: Prebuilt, start: str, memo: dict[str, bool]) -> bool:
    """Whether an outcome lies upward of `start` (breadth-first, stopped at the first outcome)."""
    if start not in memo:
        seen, queue, hit = {start}, deque([start]), False
        while queue and not hit:
            node = queue.popleft()
            hit = g.is_outcome(node)
            if node in g.contributes:
                for above in g.contributes.successors(node):
                    if above not in seen:
                        seen.add(above)
                        queue.append(above)
        memo[start] = hit
    return memo[start]


def scope(g: Prebuilt, unit: str) -> set[str]:
    """The unit and every unit below it (PART_OF)."""
    import networkx as nx

    if g.attrs.get(unit, {}).get("label") != "Unit":
        return set()
    return {unit} | (nx.ancestors(g.part, unit) if unit in g.part else set())


def _assigned_to(g: Prebuilt, node: str) -> list[str]:
    return list(g.assigned.successors(node)) if node in g.assigned else []


def orphaned_staff(g: Prebuilt, unit: str | None) -> list[tuple[Any, ...]]:
    if unit is None:
        good = reach(g)
        staff = [
            (s, u)
            for s in g.of_label("ASN")
            for u in (list(g.member.successors(s)) if s in g.member else [None]) or [None]
        ]
        reaches: Callable[[str], bool] = good.__contains__
    else:
        units = scope(g, unit)
        staff = sorted({(s, u) for u in units if u in g.member for s in g.member.predecessors(u)})
        memo: dict[str, bool] = {}
        reaches = lambda e: _reaches_up(g, e, memo)  # noqa: E731
    rows = []
    for s, u in staff:
        targets = _assigned_to(g, s)
        if not any(reaches(e) for e in targets):
            rows.append((s, u, "dead_end" if targets else "unassigned"))
    return rows


def _risky_activities(g: Prebuilt, unit: str | None, year: int) -> list[tuple[str, str | None, Any]]:
    """(id, unit_id, budget) of the activities of `year` (in scope) that reach no outcome."""
    if unit is None:
        good = reach(g)
        acts = [a for a in g.of_label("Activity") if g.attrs[a]["year"] == year]
        chosen = [(a, min(g.units_assigned(a), default=None)) for a in acts]
        return [(a, u, g.attrs[a]["budget"]) for a, u in chosen if a not in good]
    units = scope(g, unit)
    memo: dict[str, bool] = {}
    in_scope = {
        a
        for u in units
        if u in g.assigned
        for a in g.assigned.successors(u)
        if g.attrs[a]["label"] == "Activity" and g.attrs[a]["year"] == year
    }
    chosen = [(a, min(g.units_assigned(a), default=None)) for a in in_scope]
    return [(a, u, g.attrs[a]["budget"]) for a, u in chosen if u in units and not _reaches_up(g, a, memo)]


def activities_without_leverage(g: Prebuilt, unit: str | None, year: int) -> list[tuple[Any, ...]]:
    return [
        (a, u, "dead_end" if a in g.contributes and g.contributes.out_degree(a) else "unlinked", budget)
        for a, u, budget in _risky_activities(g, unit, year)
    ]


def _opd_of(g: Prebuilt, unit: str) -> str | None:
    import networkx as nx

    above = {unit} | (nx.descendants(g.part, unit) if unit in g.part else set())
    return min((u for u in above if g.attrs[u]["kind"] == "perangkat_daerah"), default=None)


def budget_at_risk_by_unit(g: Prebuilt, unit: str | None, year: int) -> list[tuple[Any, ...]]:
    groups: dict[str | None, list[float]] = {}
    for _, u, budget in _risky_activities(g, unit, year):
        groups.setdefault(u, []).append(budget or 0)
    return [(u, _opd_of(g, u) if u is not None else None, len(b), sum(b)) for u, b in groups.items()]


def _without_indicator(g: Prebuilt, goal: str) -> bool:
    a = g.attrs[goal]
    if a["label"] != "Goal" or a["level"] not in CHECKED:
        return False
    if goal in g.measured and g.measured.out_degree(goal):
        return False
    return not (
        a["level"] == "sasaran_subkegiatan"
        and goal in g.contributes
        and any(
            g.attrs[b]["label"] == "Activity" and g.attrs[b]["kind"] == "subkegiatan"
            for b in g.contributes.predecessors(goal)
        )
    )


def goals_without_indicator(g: Prebuilt, unit: str | None) -> list[tuple[Any, ...]]:
    if unit is None:
        return [
            (n, g.attrs[n]["level"], min(g.units_assigned(n), default=None))
            for n in g.of_label("Goal")
            if _without_indicator(g, n)
        ]
    units = scope(g, unit)
    goals = {n for u in units if u in g.assigned for n in g.assigned.successors(u)}
    return [
        (n, g.attrs[n]["level"], min(u for u in g.units_assigned(n) if u in units))
        for n in goals
        if _without_indicator(g, n)
    ]


def _has_owner(g: Prebuilt, element: str) -> bool:
    return element in g.assigned and any(
        g.attrs[a]["label"] in ("Unit", "ASN") for a in g.assigned.predecessors(element)
    )


def goals_unassigned(g: Prebuilt) -> list[tuple[Any, ...]]:
    return [
        (n, g.attrs[n]["level"])
        for n in g.of_label("Goal")
        if not _has_owner(g, n)
        and not any(_has_owner(g, i) for i in (g.measured.successors(n) if n in g.measured else []))
    ]


def outcome_goals_without_activity(g: Prebuilt, year: int) -> list[tuple[Any, ...]]:
    starts = [a for a in g.of_label("Activity") if g.attrs[a]["year"] == year and a in g.contributes]
    supported: set[str] = set()
    queue: deque[str] = deque()
    for a in starts:
        for above in g.contributes.successors(a):
            if above not in supported:
                supported.add(above)
                queue.append(above)
    while queue:
        for above in g.contributes.successors(queue.popleft()):
            if above not in supported:
                supported.add(above)
                queue.append(above)
    return [
        (n, g.attrs[n]["level"], min(g.units_assigned(n), default=None))
        for n in g.of_label("Goal")
        if g.attrs[n]["level"] in ("tujuan", "sasaran") and n not in supported
    ]


def units_without_outcome(g: Prebuilt) -> list[tuple[Any, ...]]:
    good = reach(g)
    rows = []
    for u in g.of_label("Unit"):
        if g.attrs[u]["kind"] not in ("perangkat_daerah", "unit_kerja") or u not in g.assigned:
            continue
        elements = {e for e in g.assigned.successors(u) if g.attrs[e]["label"] in ("Goal", "Indicator", "Activity")}
        if elements and not elements & good:
            rows.append((u, g.attrs[u]["kind"], len(elements)))
    return rows


def _linked(g: Prebuilt, goals: set[str], targets: set[str]) -> bool:
    """Whether one of `goals` reaches one of the goals `targets` in one step or more (breadth-first)."""
    seen: set[str] = set()
    queue = deque(goals)
    while queue:
        node = queue.popleft()
        for above in g.contributes.successors(node) if node in g.contributes else ():
            if above in targets and g.attrs[above]["label"] == "Goal":
                return True
            if above not in seen:
                seen.add(above)
                queue.append(above)
    return False


def opd_trees_unlinked(g: Prebuilt) -> list[tuple[Any, ...]]:
    import networkx as nx

    pemdas = [u for u in g.of_label("Unit") if g.attrs[u]["kind"] == "pemda"]
    rows = []
    for opd in (u for u in g.of_label("Unit") if g.attrs[u]["kind"] == "perangkat_daerah"):
        mine = [p for p in (nx.descendants(g.part, opd) if opd in g.part else ()) if g.attrs[p]["kind"] == "pemda"]
        targets = {x for p in (mine or pemdas) if p in g.assigned for x in g.assigned.successors(p)}
        units = scope(g, opd)
        goals = {x for u in units if u in g.assigned for x in g.assigned.successors(u) if g.attrs[x]["label"] == "Goal"}
        if not _linked(g, goals, targets):
            rows.append((opd, len(goals)))
    return rows


def answer(g: Prebuilt, name: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one audit question, with the same parameters as the Cypher (unit, year)."""
    unit, year = params.get("unit"), cast(int, params.get("year"))
    if name == "orphaned_staff":
        return orphaned_staff(g, unit)
    if name == "activities_without_leverage":
        return activities_without_leverage(g, unit, year)
    if name == "budget_at_risk_by_unit":
        return budget_at_risk_by_unit(g, unit, year)
    if name == "goals_without_indicator":
        return goals_without_indicator(g, unit)
    if name == "goals_unassigned":
        return goals_unassigned(g)
    if name == "outcome_goals_without_activity":
        return outcome_goals_without_activity(g, year)
    if name == "units_without_outcome":
        return units_without_outcome(g)
    if name == "opd_trees_unlinked":
        return opd_trees_unlinked(g)
    raise KeyError(name)
