"""One version of a performance tree read whole for graph/diff.py: its elements, figures, parents and reach.

Every statement reads one label or one relationship type of one dataset through the model's `dataset` indexes
(graph/model.py), so a version costs the same however many other versions and Pemda the graph holds. Edges stay
inside a version (docs/versions.md); the one exception, a contribution to another Pemda's element, is read with
its end's own answer to "reaches an outcome".
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from graph import model
from graph.db import Reader

ELEMENTS: Final = ("Unit", "Goal", "Indicator", "Activity")  # what the diff lists as added, removed, restated
LABELS: Final = (*ELEMENTS, "ASN")
KEY_MAX: Final = 200  # characters of a dataset key a caller may name
_REACH = model.REACH_PROPERTY
_HINT = {label: f"USING INDEX n:{label}(dataset)" for label in (*LABELS, "IndicatorYear")}
# the element's own properties: everything it states (the fact is read apart, the key is the row's key)
_NODES = "MATCH (n:{label}) {hint} WHERE n.dataset = $dataset RETURN {key} AS key, properties(n) AS props"
_YEARS = (
    "MATCH (n:IndicatorYear) USING INDEX n:IndicatorYear(dataset) WHERE n.dataset = $dataset "
    "RETURN n.indicator_id AS key, n.year AS year, properties(n) AS props"
)
# CONTRIBUTES_TO, implied edges too (reach follows them); for an end outside the version, whether it reaches
_EDGES = (
    "MATCH (a)-[r:{rel_type}]->(b) USING INDEX r:{rel_type}(dataset) WHERE r.dataset = $dataset "
    "RETURN coalesce(a.id, a.nip) AS start, coalesce(b.id, b.nip) AS end, coalesce(r.implied, false) AS implied, "
    "CASE WHEN $reach AND b.dataset <> $dataset THEN EXISTS {{ MATCH (b)-[:CONTRIBUTES_TO*0..]->(o:Goal) "
    "WHERE o.level IN $outcome_levels }} END AS outside"
)
_EDGE_TYPES: Final = ("CONTRIBUTES_TO", "PART_OF", "MEMBER_OF", "ASSIGNED_TO")
_HELD = (
    "UNWIND $datasets AS dataset RETURN dataset, "
    "EXISTS { MATCH (u:Unit) WHERE u.dataset = dataset } OR EXISTS { MATCH (g:Goal) WHERE g.dataset = dataset } "
    "AS held"
)
_CHOICES = (
    "CALL () { MATCH (v:PokinVersion) RETURN v.dataset AS dataset UNION "
    "MATCH (u:Unit) WHERE u.dataset IS NOT NULL AND NOT (u)-[:PART_OF]->(:Unit) RETURN u.dataset AS dataset } "
    "RETURN DISTINCT dataset ORDER BY dataset LIMIT $limit"
)
CHOICES_MAX: Final = 1000


class UnknownVersion(LookupError):
    """Dataset keys the graph does not hold (the message names them; `keys` lists them)."""

    def __init__(self, message: str, keys: list[str]) -> None:
        super().__init__(message)
        self.keys = keys


@dataclass
class Version:
    """One version in memory: nodes by label and key (their properties), each indicator's years, the parents of
    each element per relationship type (real edges), the units of each ASN, their assignments, and the set of
    elements that reach an outcome."""

    dataset: str
    nodes: dict[str, dict[str, dict[str, Any]]]
    years: dict[str, dict[Any, dict[str, Any]]]
    parents: dict[str, dict[str, set[str]]]
    members: dict[str, set[str]]
    assigned: dict[str, set[str]]
    up: dict[str, set[str]]  # CONTRIBUTES_TO, implied edges included
    reaching: set[str] = field(default_factory=set)
    reach_from: str = "traversal"

    def label_of(self, key: str) -> str | None:
        return next((label for label in LABELS if key in self.nodes[label]), None)

    def unit_of(self, nip: str) -> str | None:
        """The ASN's unit (the first by id if the data gives several), None when they hold none here."""
        units = self.members.get(nip)
        return min(units) if units else None

    def staff_reaches(self, nip: str) -> bool:
        """An ASN reaches an outcome through what they are ASSIGNED_TO."""
        return any(end in self.reaching for end in self.assigned.get(nip, ()))

    def outcomes(self) -> set[str]:
        return {key for key, props in self.nodes["Goal"].items() if props.get("level") in model.OUTCOME_LEVELS}

    def supported(self) -> set[str]:
        """Every element some activity of the version reaches by one or more CONTRIBUTES_TO steps: one
        breadth-first search from all activities at once, each element visited once (cycles are fine)."""
        seen: set[str] = set()
        queue = deque(self.nodes["Activity"])
        while queue:
            for end in self.up.get(queue.popleft(), ()):
                if end not in seen:
                    seen.add(end)
                    queue.append(end)
        return seen


def require_versions(reader: Reader, datasets: Iterable[str]) -> None:
    """Raise UnknownVersion naming each dataset key that no unit or goal of the graph carries."""
    keys = list(dict.fromkeys(datasets))
    too_long = [key for key in keys if len(key) > KEY_MAX or not key]
    if too_long:
        raise UnknownVersion(f"a version key must have 1-{KEY_MAX} characters: {too_long[0][:KEY_MAX]!r}", too_long)
    rows = reader.read(_HELD, {"datasets": keys})
    unknown = [row["dataset"] for row in rows if not row["held"]]
    if unknown:
        raise UnknownVersion(
            "unknown version(s): " + ", ".join(repr(key) for key in unknown) + " (see `pokin versions`)", unknown
        )


def version_choices(reader: Reader) -> list[str]:
    """The dataset keys a reader can pick: every recorded version (PokinVersion), and the dataset of every top
    unit (a graph written before versions were recorded)."""
    return [row["dataset"] for row in reader.read(_CHOICES, {"limit": CHOICES_MAX})]


def read_version(reader: Reader, dataset: str) -> Version:
    """Read one version whole (a statement per label and per relationship type) and work out its reach."""
    nodes: dict[str, dict[str, dict[str, Any]]] = {}
    for label in LABELS:
        key = "n.nip" if label == "ASN" else "n.id"
        rows = reader.read(_NODES.format(label=label, hint=_HINT[label], key=key), {"dataset": dataset}, packed=True)
        nodes[label] = {row["key"]: row["props"] for row in rows}
    years: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
    for row in reader.read(_YEARS, {"dataset": dataset}, packed=True):
        years[row["key"]][row["year"]] = row["props"]
    fact = _fact_current(reader)
    version = Version(dataset, nodes, dict(years), {}, defaultdict(set), defaultdict(set), defaultdict(set))
    outside = _read_edges(reader, version, reach=not fact)
    if fact:
        version.reaching = {
            key for label in model.REACH_LABELS for key, props in nodes[label].items() if props.get(_REACH) is True
        }
        version.reach_from = "fact"
    else:
        version.reaching = _reaching(version, outside)
    for props in (p for label in LABELS for p in nodes[label].values()):
        props.pop(_REACH, None)  # a derived fact, not something the version states
    return version


def _fact_current(reader: Reader) -> bool:
    return bool(reader.read(model.REACH_CURRENT_QUERY)[0]["reach_known"])


def _read_edges(reader: Reader, version: Version, *, reach: bool) -> set[str]:
    """Fill the version's edges; returns the elements with a contribution to another Pemda's element that
    reaches an outcome (asked only when `reach`: the reach is then worked out here)."""
    outside: set[str] = set()
    params = {"dataset": version.dataset, "reach": reach, "outcome_levels": list(model.OUTCOME_LEVELS)}
    for rel_type in _EDGE_TYPES:
        rows = reader.read(_EDGES.format(rel_type=rel_type), params, packed=True)
        into = {"MEMBER_OF": version.members, "ASSIGNED_TO": version.assigned}.get(rel_type)
        if into is not None:
            for row in rows:
                into[row["start"]].add(row["end"])
            continue
        parents: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            if rel_type == "CONTRIBUTES_TO":
                version.up[row["start"]].add(row["end"])
                if row["outside"]:
                    outside.add(row["start"])
            if not row["implied"]:
                parents[row["start"]].add(row["end"])
        version.parents[rel_type] = dict(parents)
    return outside


def _reaching(version: Version, outside: set[str]) -> set[str]:
    """Every element from which CONTRIBUTES_TO leads to an outcome goal (an outcome reaches itself): one
    breadth-first search down the reversed edges from the outcomes and the elements whose contribution to
    another Pemda reaches one."""
    below: dict[str, list[str]] = defaultdict(list)
    for start, ends in version.up.items():
        for end in ends:
            below[end].append(start)
    found = version.outcomes() | outside
    queue = deque(found)
    while queue:
        for start in below.get(queue.popleft(), ()):
            if start not in found:
                found.add(start)
                queue.append(start)
    return found
