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
from graph.versions import list_versions, listing

ELEMENTS: Final = ("Unit", "Goal", "Indicator", "Activity")  # what the diff lists as added, removed, restated
LABELS: Final = (*ELEMENTS, "ASN")
KEY_MAX: Final = 200  # characters of a dataset key a caller may name
_REACH = model.REACH_PROPERTY
# One statement per label: each node of the version (through the `dataset` index) with its own properties (the reach
# fact among them, taken out once read) and the ends of its outgoing edges, which belong to its version. A node's
# edges come in its row rather than as rows of their own: a kabupaten version has 2.5 edges per node, and each row
# costs the client more than a list inside one.
_NODES = (
    "MATCH (n:{label}) USING INDEX n:{label}(dataset) WHERE n.dataset = $dataset "
    "RETURN {key} AS key, properties(n) AS props{edges}"
)
# CONTRIBUTES_TO, implied edges too (reach follows them); for an end outside the version, whether it reaches
_UP = (
    ", [(n)-[r:CONTRIBUTES_TO]->(b) | [coalesce(b.id, b.nip), coalesce(r.implied, false), "
    "CASE WHEN $reach AND b.dataset <> $dataset THEN EXISTS { MATCH (b)-[:CONTRIBUTES_TO*0..]->(o:Goal) "
    "WHERE o.level IN $outcome_levels } END]] AS up"
)
_PART_OF = ", [(n)-[:PART_OF]->(p) | p.id] AS part_of"
_EDGES: Final = {
    "Unit": _PART_OF,
    "Goal": _UP,
    "Indicator": _UP,
    "Activity": _UP + _PART_OF,
    "ASN": ", [(n)-[:MEMBER_OF]->(u) | u.id] AS member_of, [(n)-[:ASSIGNED_TO]->(b) | coalesce(b.id, b.nip)] AS assigned",
}
_YEARS = (
    "MATCH (n:IndicatorYear) USING INDEX n:IndicatorYear(dataset) WHERE n.dataset = $dataset "
    "RETURN n.indicator_id AS key, n.year AS year, properties(n) AS props"
)
_HELD = (
    "UNWIND $datasets AS dataset RETURN dataset, "
    "EXISTS { MATCH (u:Unit) WHERE u.dataset = dataset } OR EXISTS { MATCH (g:Goal) WHERE g.dataset = dataset } "
    "AS held"
)


CHOICES_MAX: Final = 1000  # versions offered to pick from


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


def version_choices(reader: Reader) -> list[dict[str, str]]:
    """The versions a reader can pick, by Pemda and oldest first (graph/versions.py list_versions: every recorded
    version, and every dataset without a record as an unnamed one), each with a label saying what it is."""
    return [{"dataset": row["dataset"], "label": row["title"]} for row in listing(list_versions(reader))[:CHOICES_MAX]]


def read_version(reader: Reader, dataset: str, *, use_fact: bool = True) -> Version:
    """Read one version whole (a statement per label) and its reach: the importer's fact while it is current
    (unless `use_fact` is false), else worked out from the version's edges."""
    fact = use_fact and _fact_current(reader)
    params = {"dataset": dataset, "reach": not fact, "outcome_levels": list(model.OUTCOME_LEVELS)}
    version = Version(dataset, {}, {}, {"CONTRIBUTES_TO": {}, "PART_OF": {}}, {}, {}, {})
    outside: set[str] = set()
    for label in LABELS:
        key = "n.nip" if label == "ASN" else "n.id"
        rows = reader.read(_NODES.format(label=label, key=key, edges=_EDGES[label]), params, packed=True, plain=True)
        version.nodes[label] = {row["key"]: row["props"] for row in rows}
        outside |= _keep_edges(version, rows)
    years: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
    for row in reader.read(_YEARS, {"dataset": dataset}, packed=True, plain=True):
        years[row["key"]][row["year"]] = row["props"]
    version.years = dict(years)
    if fact:
        version.reaching = {
            key for label in model.REACH_LABELS for key, props in version.nodes[label].items() if props.get(_REACH)
        }
        version.reach_from = "fact"
    else:
        version.reaching = _reaching(version, outside)
    for props in (p for label in LABELS for p in version.nodes[label].values()):
        for derived in model.FACT_PROPERTIES:  # derived facts, not something the version states
            props.pop(derived, None)
    return version


def _fact_current(reader: Reader) -> bool:
    return bool(reader.read(model.REACH_CURRENT_QUERY)[0]["reach_known"])


def _keep_edges(version: Version, rows: list[dict[str, Any]]) -> set[str]:
    """The edges of one label's rows into the version; returns the elements with a contribution to another Pemda's
    element that reaches an outcome (asked only when the reach is worked out here)."""
    outside: set[str] = set()
    for row in rows:
        key = row["key"]
        if row.get("up"):
            version.up[key] = {end for end, _, _ in row["up"]}
            real = {end for end, implied, _ in row["up"] if not implied}
            if real:
                version.parents["CONTRIBUTES_TO"][key] = real
            if any(reaches for _, _, reaches in row["up"]):
                outside.add(key)
        if row.get("part_of"):
            version.parents["PART_OF"][key] = set(row["part_of"])
        if row.get("member_of"):
            version.members[key] = set(row["member_of"])
        if row.get("assigned"):
            version.assigned[key] = set(row["assigned"])
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
