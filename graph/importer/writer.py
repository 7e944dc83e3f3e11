"""Write a built dataset in ONE transaction with batched UNWIND statements: all of it or nothing.

Each import is the whole truth about its dataset (one Pemda's files): nodes and edges that the previous
import of the same dataset had and this one has not are removed in the same transaction. It never takes
over another dataset's node: a node the files define that the database holds in another dataset is planned
as new, so its CREATE breaks a uniqueness constraint and the transaction rolls back; only then are the
clashing keys looked up, to refuse the import naming file, row and field (ImportRejected). A good import
pays nothing for that check (seeking every key of a Pemda in every import cost more than 2 s of a
province's 42). The transaction first reads what the database holds of the dataset, properties included;
the plan then writes only what differs (a node or edge already as the files say is not sent), so importing
the same files again leaves the same graph, node for node and edge for edge, and writes nothing. The implied
indicator→element CONTRIBUTES_TO edges (graph/model.py) are planned the same way, from the files' MEASURED_BY
and real contributions, at the end of the same transaction; the stale-edge removal leaves them to that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError, IncompleteCommit

from graph import model, versions
from graph.db import Runner
from graph.importer import reach, support
from graph.importer.build import Dataset, Nodes
from graph.importer.errors import ImportRejected
from graph.importer.outcome import CommitOutcomeUnknown, ImportRecord, recorded

BATCH_SIZE = 20000
# The reading of a dataset's state seeks the `dataset` indexes whatever the statistics; yet an import changes them so
# much (an empty database, then thousands of nodes) that Neo4j would plan it again at the next import: seconds for
# its fifteen subqueries on a loaded machine (1.3-7 s measured), every time. Its cached plan is kept instead.
REUSE_PLAN = "CYPHER replan=skip "
# The validation's reads (which ids exist elsewhere) get the write transaction's bound, not the runner's 30 s
# default: on a big, busy database they are large, and a timeout there would fail an import that is fine.
READ_TIMEOUT = 600.0


@dataclass
class WriteSummary:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    batches: int = 0

    def changed(self) -> bool:
        return any(
            (
                self.nodes_created,
                self.nodes_deleted,
                self.relationships_created,
                self.relationships_deleted,
                self.properties_set,
            )
        )

    def changes(self) -> dict[str, int]:
        """The counters an import log record keeps (graph/model.py IMPORT_LOG_CHANGES)."""
        return {change: getattr(self, change) for change in model.IMPORT_LOG_CHANGES}

    @classmethod
    def from_log(cls, log: dict[str, Any]) -> WriteSummary:
        """What a committed import changed, as its log record says."""
        return cls(**{change: int(log.get(change) or 0) for change in model.IMPORT_LOG_CHANGES})

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


@dataclass
class _Statement:
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    # the statement returns `seeds`: the elementIds of the nodes whose "reaches an outcome" it may have changed
    # (graph/importer/reach.py; the answer flows downward, so: the start of an edge), and `upward`: those whose
    # list of the activities reaching them it may have changed (graph/importer/support.py; flows upward: the end)
    seeds: bool = False


_REACH_LABELS = frozenset(model.REACH_LABELS)
_SEEDS_OF_EDGE = " RETURN collect(elementId(a)) AS seeds, collect(elementId(b)) AS upward"  # an edge (a)->(b)


def existing_labels(runner: Runner, ids: set[str], dataset: str) -> dict[str, tuple[str, str]]:
    """Which of `ids` exist in the database as nodes of OTHER Pemda, with which label and in which of their versions:
    the one named as this import's version if that Pemda has it, else its latest (graph/versions.py). Another
    version of this import's own Pemda is never an answer: edges do not join two versions of one Pemda."""
    held: dict[str, tuple[str, list[str]]] = {}
    for node in (model.UNIT, model.GOAL, model.INDICATOR, model.ACTIVITY, model.ASN):
        key = node.key[0]
        rows = runner.read(
            f"MATCH (n:{node.label}) {model.key_lookup_hint(node, 'n')} "
            f"WHERE n.{key} IN $ids AND {_OTHER_PEMDA} "
            f"RETURN n.{key} AS key, collect(n.dataset) AS datasets",
            {"ids": sorted(ids), **_pemda_params(dataset)},
            timeout=READ_TIMEOUT,
        )
        held.update({row["key"]: (node.label, row["datasets"]) for row in rows})
    if not held:
        return {}
    known = {version.dataset: version for version in versions.list_versions(runner, unrecorded=False)}
    name = versions.version_name(dataset)
    return {key: (label, versions.resolve(candidates, name, known)) for key, (label, candidates) in held.items()}


# a node of another Pemda than the one of $pemda (its versions are $pemda and $pemda@...), or of none
_OTHER_PEMDA = "(n.dataset IS NULL OR NOT (n.dataset = $pemda OR n.dataset STARTS WITH $prefix))"


def _pemda_params(dataset: str) -> dict[str, str]:
    pemda = versions.pemda_of(dataset)
    return {"pemda": pemda, "prefix": pemda + versions.SEPARATOR}


def foreign_owners(runner: Runner, label: str, keys: Iterable[Any], dataset: str) -> dict[Any, str | None]:
    """Which of `keys` exist in the database as `label` nodes of another Pemda, and in which dataset (None: a node
    without one): ids are unique across Pemda, so that a reference names one element. When the database holds
    no `label` node of another Pemda (a first import, or one Pemda per database) nothing can clash, and one
    existence test replaces a seek per key."""

    def one(cypher: str, params: dict[str, Any]) -> Any:
        return next(iter(runner.read(cypher, params, timeout=READ_TIMEOUT)[0].values()))

    return _owners(one, model.NODE_TYPES_BY_LABEL[label], keys, dataset)


_ANY_OUTSIDE = "RETURN EXISTS {{ MATCH (n:{label}) WHERE " + _OTHER_PEMDA.replace("{", "{{") + " }}"


def _owners(
    one: Callable[[str, dict[str, Any]], Any],
    node: model.NodeType,
    keys: Iterable[Any],
    dataset: str,
    batch_size: int = 50000,
) -> dict[Any, str | None]:
    """Which of `keys` are `node`s outside `dataset`, and in which dataset. `one(cypher, params)` runs a query
    and returns the first value of its one row. When no such node is outside the dataset at all (a first
    import, or one Pemda per database), one existence test replaces a seek per key."""
    params = _pemda_params(dataset)
    if not one(_ANY_OUTSIDE.format(label=node.label), params):
        return {}
    key_expr = _key_cypher(node, "n")
    match = ", ".join(f"{prop}: k[{i}]" for i, prop in enumerate(node.key))
    cypher = (
        f"UNWIND $keys AS k MATCH (n:{node.label} {{{match}}}) {model.key_lookup_hint(node, 'n')} "
        f"WHERE {_OTHER_PEMDA} RETURN collect([{key_expr}, n.dataset]) AS owners"
    )
    found: dict[Any, str | None] = {}
    keys = iter(keys)
    while batch := [_key_param(key) for key in islice(keys, batch_size)]:
        for key, owner in one(cypher, {"keys": batch, **params}):
            found[_key(key)] = owner
    return found


# An edge of the dataset as the plan and the state compare it: its ends' keys, and their versions when one end is in
# another Pemda's version (a reference), so that an end resolved to another version now is a new edge.
_PAIR = (
    f"{model.key_expression('a')} + '|' + {model.key_expression('b')} + CASE WHEN a.dataset = $dataset AND "
    "b.dataset = $dataset THEN '' ELSE '|' + coalesce(a.dataset, '') + '|' + coalesce(b.dataset, '') END"
)


def edge_pair(dataset: Dataset, start: str, end: str) -> str:
    """The key of an edge from `start` to `end` (see _PAIR)."""
    start_version, end_version = dataset.dataset_of(start), dataset.dataset_of(end)
    if start_version == dataset.name and end_version == dataset.name:
        return f"{start}|{end}"
    return f"{start}|{end}|{start_version}|{end_version}"


def read_state(tx: ManagedTransaction, dataset: Dataset) -> State:
    """What the database holds now of this dataset: its nodes and edges with their properties, its implied
    edges, and the real contributions of its indicators that other datasets hold. Read inside the import's own
    transaction (so what the plan is based on cannot change before it commits), each part as one collected
    list: a few records, not one per row. With the properties at hand the plan leaves out every node and
    edge that is already as the files say (an unchanged re-import writes nothing), instead of sending them
    all for the database to compare."""
    key = model.key_expression
    implied = f"r.{model.IMPLIED_PROPERTY}"
    parts = [
        f"MATCH (n:{node.label} {{dataset: $dataset}}) RETURN collect([{_key_cypher(node, 'n')}, properties(n)])"
        for node in model.NODE_TYPES
    ]
    parts += [
        f"MATCH (a)-[r:{rel_type} {{dataset: $dataset}}]->(b) WHERE {implied} IS NULL "
        f"RETURN collect([{_PAIR}, properties(r)])"
        for rel_type in model.REL_TYPE_NAMES
    ]
    contributes = model.CONTRIBUTES_TO.name
    parts += [  # the implied edges (graph/model.py), and real edges of other datasets that stand in for them
        f"MATCH (a:{model.INDICATOR.label})-[r:{contributes} {{dataset: $dataset}}]->(b:{_IMPLIED_ENDS}) "
        f"USING INDEX SEEK r:{contributes}(dataset) "
        f"WHERE {implied} = true RETURN collect([a.id, {key('b')}, properties(r)])",
        f"MATCH (a:{model.INDICATOR.label} {{dataset: $dataset}})-[r:{contributes}]->(b) "
        f"USING INDEX SEEK a:{model.INDICATOR.label}(dataset) "
        f"WHERE {implied} IS NULL AND (r.dataset IS NULL OR r.dataset <> $dataset) "
        f"RETURN collect([a.id, {key('b')}])",
    ]
    # one round trip: a subquery per part. Planning it takes seconds on a loaded machine, so it is planned once
    # (REUSE_PLAN), not again whenever an import has changed the statistics
    cypher = REUSE_PLAN + " ".join(f"CALL () {{ {part} AS held{index} }}" for index, part in enumerate(parts))
    cypher += " RETURN [" + ", ".join(f"held{index}" for index in range(len(parts))) + "] AS held"
    held = tx.run(cypher, {"dataset": dataset.name}).single(strict=True)[0]
    state = State()
    for node, rows in zip(model.NODE_TYPES, held):
        # the fact the importer keeps (graph/importer/reach.py) is not the files': compared without it
        state.own[node.label] = {_key(k): _without_fact(props) for k, props in rows}
    edges = held[len(model.NODE_TYPES) : len(model.NODE_TYPES) + len(model.REL_TYPE_NAMES)]
    for rel_type, rows in zip(model.REL_TYPE_NAMES, edges):
        state.edges[rel_type] = dict(rows)
    state.implied = {(indicator, element): props for indicator, element, props in held[-2]}
    state.foreign_real = {(indicator, element) for indicator, element in held[-1]}
    return state


def clashes(runner: Runner, dataset: Dataset) -> list:
    """The nodes the files define that the database holds in ANOTHER dataset (or in none), as problems naming
    the file, row and field that define them: why a write broke a uniqueness constraint."""
    foreign: dict[str, dict[Any, str | None]] = {}
    for node in model.NODE_TYPES:
        owned = foreign_owners(runner, node.label, dataset.nodes.get(node.label, {}), dataset.name)
        if owned:
            foreign[node.label] = owned
    return dataset.foreign_problems(foreign) if foreign else []


def _refuse_clashes(tx: ManagedTransaction, dataset: Dataset | None) -> None:
    """ImportRejected naming the nodes the files define that another Pemda holds (see _clashes_in)."""
    problems = _clashes_in(tx, dataset) if dataset is not None else []
    if problems:
        raise ImportRejected(problems)


def _clashes_in(tx: ManagedTransaction, dataset: Dataset) -> list:
    """The nodes the files define that another Pemda holds, read inside the import's transaction (no uniqueness
    constraint refuses them: keys are unique per version). One existence test per label when no other Pemda is
    there."""

    def one(cypher: str, params: dict[str, Any]) -> Any:
        return tx.run(cypher, params).single(strict=True)[0]

    foreign: dict[str, dict[Any, str | None]] = {}
    for node in model.NODE_TYPES:
        owned = _owners(one, node, dataset.nodes.get(node.label, {}), dataset.name)
        if owned:
            foreign[node.label] = owned
    return dataset.foreign_problems(foreign) if foreign else []


@dataclass
class State:
    """What the database holds of this dataset: its nodes per label (key -> properties) and its edges per type
    ('start|end' -> properties); its implied indicator→element edges ((indicator, element) -> properties) and
    the real indicator→element contributions of other datasets from its indicators ((indicator, element)).
    (Any other node this import defines is planned as new: if another dataset holds it, its CREATE fails.)"""

    own: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=dict)
    edges: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    implied: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    foreign_real: set[tuple[str, str]] = field(default_factory=set)

    def empty(self) -> bool:
        """The database holds nothing of the dataset (a first import)."""
        return not any(self.own.values()) and not any(self.edges.values()) and not self.implied


def plan(dataset: Dataset, batch_size: int = BATCH_SIZE, state: State | None = None) -> list[_Statement]:
    """Every statement of the import, in order; pure (given what the database holds of the dataset, `state`;
    none means an empty database), so it can be counted for a progress bar and tested.

    A node or edge that does not exist yet is CREATEd (an edge with an end just created cannot exist
    yet; any other new edge is MERGEd), one that exists is SET only where its properties differ from what
    the database holds (compared here: one that is as the files say is not sent at all), and what this
    dataset had and the files no longer have is deleted. The implied indicator→element edges (graph/model.py)
    are planned the same way from the files' MEASURED_BY and real contributions."""
    state = state or State()
    statements: list[_Statement] = []
    created: dict[str, set[Any]] = {}
    for node in model.NODE_TYPES:
        statements += _node_statements(node, dataset, state, created, batch_size)
    grouped: dict[tuple[str, str, str, str, tuple[str, ...]], list[list[Any]]] = defaultdict(list)
    wanted_edges: dict[str, set[str]] = defaultdict(set)
    implied = wanted_implied(dataset, state)
    twinned: set[tuple[str, str]] = set()  # implied edges created with their MEASURED_BY, in its statement
    for edge, props in dataset.edges.items():
        rel_type, start, end = edge
        start_label, end_label = dataset.edge_labels[edge]
        pair = edge_pair(dataset, start, end)
        wanted_edges[rel_type].add(pair)
        held = state.edges.get(rel_type, {}).get(pair)
        if held is not None:
            if same_properties(held, {**_without_nulls(props), "dataset": dataset.name}):
                continue
            verb = "SET"
        elif start in created.get(start_label, ()) or end in created.get(end_label, ()):
            verb = "CREATE"
        else:
            verb = "MERGE"
        if verb == "CREATE" and rel_type == model.MEASURED_BY.name and (end, start) in implied:
            verb = "CREATE_IMPLIED"  # the indicator→element edge cannot exist either: it is created beside
            twinned.add((end, start))
        names = tuple(sorted(props))
        ends = [start, end, dataset.dataset_of(start), dataset.dataset_of(end)]
        grouped[(verb, rel_type, start_label, end_label, names)].append([*ends, *(props[k] for k in names)])
    statements += _edge_statements(grouped, dataset.name, batch_size)
    statements += _edge_deletions(dataset, state, wanted_edges)
    return statements + _implied_statements(dataset, state, created, implied, twinned, batch_size)


def _edge_statements(
    grouped: Mapping[tuple[str, str, str, str, tuple[str, ...]], list[list[Any]]], dataset_name: str, batch_size: int
) -> list[_Statement]:
    """The edges to write, grouped by (verb, type, end labels, property names), as batched statements; a new
    CONTRIBUTES_TO edge returns its start, which may reach an outcome now (graph/importer/reach.py)."""
    statements: list[_Statement] = []
    for (verb, rel_type, start_label, end_label, names), rows in sorted(grouped.items()):
        props = (
            "{"
            + ", ".join([f"{prop}: row[{index}]" for index, prop in enumerate(names, start=4)] + ["dataset: $dataset"])
            + "}"
        )
        write_edge = {
            "CREATE": f"CREATE (a)-[r:{rel_type} {props}]->(b)",
            "CREATE_IMPLIED": f"CREATE (a)-[r:{rel_type} {props}]->(b) CREATE (b)-[:{model.CONTRIBUTES_TO.name} "
            f"{_IMPLIED_WRITTEN}]->(a)",
            "MERGE": f"MERGE (a)-[r:{rel_type}]->(b) SET r = {props}",
            "SET": f"MATCH (a)-[r:{rel_type}]->(b) WHERE r.dataset = $dataset "
            f"AND r.{model.IMPLIED_PROPERTY} IS NULL AND properties(r) <> {props} SET r = {props}",
        }[verb]
        # the start of a new CONTRIBUTES_TO edge, real or implied, may reach an outcome now (graph/importer/reach.py),
        # and its end be reached by more activities (graph/importer/support.py)
        seeds = {
            ("CREATE", model.CONTRIBUTES_TO.name): _SEEDS_OF_EDGE,
            ("MERGE", model.CONTRIBUTES_TO.name): _SEEDS_OF_EDGE,
            ("CREATE_IMPLIED", model.MEASURED_BY.name): " RETURN collect(elementId(b)) AS seeds, "
            "collect(elementId(a)) AS upward",  # the implied edge runs (b)->(a)
        }.get((verb, rel_type), "")
        for batch in _batches(rows, batch_size):
            statements.append(
                _Statement(
                    _edge_ends(start_label, end_label) + write_edge + seeds,
                    {"rows": batch, "dataset": dataset_name},
                    seeds=bool(seeds),
                )
            )
    return statements


def _edge_deletions(dataset: Dataset, state: State, wanted_edges: dict[str, set[str]]) -> list[_Statement]:
    """One DELETE per relationship type of which the database holds an edge of this dataset the files no
    longer have; the implied edges are left to _implied_statements, which plans them from the files."""
    statements: list[_Statement] = []
    for rel_type in model.REL_TYPE_NAMES:
        if state.edges.get(rel_type, {}).keys() - wanted_edges[rel_type]:
            # its start may reach no outcome now, its end be reached by fewer activities
            reach = rel_type == model.CONTRIBUTES_TO.name
            statements.append(
                _Statement(
                    f"MATCH (a)-[r:{rel_type} {{dataset: $dataset}}]->(b) "
                    f"WHERE r.{model.IMPLIED_PROPERTY} IS NULL "
                    f"AND NOT {_PAIR} IN $keys DELETE r" + (_SEEDS_OF_EDGE if reach else ""),
                    {"dataset": dataset.name, "keys": sorted(wanted_edges[rel_type])},
                    seeds=reach,
                )
            )
    return statements


def _node_statements(
    node: model.NodeType, dataset: Dataset, state: State, created: dict[str, set[Any]], batch_size: int
) -> list[_Statement]:
    """CREATE the nodes of one label the database does not hold, SET those whose properties differ, delete
    those the dataset had and the files no longer have; the keys created are added to `created`."""
    name = dataset.name
    statements: list[_Statement] = []
    items = dataset.nodes.get(node.label, {})
    own = state.own.get(node.label, {})
    new_keys = [key for key in items if key not in own] if own else list(items)
    old_rows = []
    for key in (key for key in items if key in own) if own else ():
        row = {**_without_nulls(items[key]), "dataset": name}
        if not same_properties(own[key], row):
            old_rows.append(row)
    created.setdefault(node.label, set()).update(new_keys)
    columns, new_rows = _value_rows(items, new_keys)
    # a list of values per row and the property names written once in the query: a map per row costs
    # the driver and the server more (unpacked and converted row by row), and a null creates no property
    properties = ", ".join([f"{column}: row[{index}]" for index, column in enumerate(columns)] + ["dataset: $dataset"])
    # what "reaches an outcome" depends on (graph/importer/reach.py): a new element, a goal's level, a removed node's
    # in-edges
    reach = node.label in _REACH_LABELS
    created_seeds = " RETURN collect(elementId(n)) AS seeds, [] AS upward" if reach else ""
    for batch in _batches(new_rows, batch_size):
        statements.append(
            _Statement(
                f"UNWIND $rows AS row CREATE (n:{node.label} {{{properties}}})" + created_seeds,
                {"rows": batch, "dataset": name},
                seeds=reach,
            )
        )
    statements += _update_statements(node, old_rows, batch_size)
    stale = [_key_param(key) for key in own if key not in items]
    statements += _removal_statements(node, stale, reach, batch_size, name)
    return statements


def _update_statements(node: model.NodeType, rows: list[dict[str, Any]], batch_size: int) -> list[_Statement]:
    """SET the nodes whose properties differ, keeping the facts this import maintains apart; a goal whose level
    changed returns itself: whether it is an outcome, so what reaches one, may have changed; an activity whose year
    changed returns itself too: what it reaches is reached by an activity of another year now."""
    statements: list[_Statement] = []
    match = ", ".join(f"{prop}: row.{prop}" for prop in model.unique_properties(node))
    changed = "collect(CASE WHEN NOT coalesce(old = n.{prop}, false) THEN elementId(n) END)"
    returns = {
        model.GOAL.label: (" RETURN " + changed.format(prop="level") + " AS seeds, [] AS upward", "level"),
        model.ACTIVITY.label: (" RETURN [] AS seeds, " + changed.format(prop="year") + " AS upward", "year"),
    }.get(node.label)
    kept = ", ".join(f"n.{fact} AS {fact}" for fact in model.FACT_PROPERTIES)
    restore = ", ".join(f"n.{fact} = {fact}" for fact in model.FACT_PROPERTIES)
    for batch in _batches(rows, batch_size):
        statements.append(
            _Statement(
                f"UNWIND $rows AS row MATCH (n:{node.label} {{{match}}}) {model.key_index_hint(node, 'n')} "
                f"WITH n, row, n.{returns[1] if returns else 'id'} AS old, {kept} "
                f"WHERE properties(n) <> row "
                f"SET n = row SET {restore}" + (returns[0] if returns else ""),
                {"rows": batch},
                seeds=returns is not None,
            )
        )
    return statements


def _removal_statements(
    node: model.NodeType, stale: list[Any], reach: bool, batch_size: int, dataset_name: str
) -> list[_Statement]:
    """DETACH DELETE the nodes the dataset had and the files no longer have; with `reach`, what contributed to
    them returns as seeds (it may reach no outcome now), and what they contributed to as upward seeds (fewer
    activities may reach it now)."""
    statements: list[_Statement] = []
    key_match = ", ".join([f"{prop}: k[{i}]" for i, prop in enumerate(node.key)] + ["dataset: $dataset"])
    removed_seeds = (
        " WITH n, [(n)<-[:CONTRIBUTES_TO]-(x) | elementId(x)] AS below, [(n)-[:CONTRIBUTES_TO]->(x) | elementId(x)] AS above "
        "DETACH DELETE n WITH collect(below) AS below, collect(above) AS above "
        "RETURN reduce(all = [], ids IN below | all + ids) AS seeds, reduce(all = [], ids IN above | all + ids) AS upward"
        if reach
        else " DETACH DELETE n"
    )
    for batch in _batches(stale, batch_size):
        statements.append(
            _Statement(
                f"UNWIND $keys AS k MATCH (n:{node.label} {{{key_match}}}) {model.key_index_hint(node, 'n')}"
                + removed_seeds,
                {"keys": batch, "dataset": dataset_name},
                seeds=reach,
            )
        )
    return statements


# what an implied edge may end at: an element that MEASURED_BY starts at
_IMPLIED_ENDS = "|".join(model.MEASURED_BY.starts)
IMPLIED_EDGE_PROPERTIES = {model.IMPLIED_PROPERTY: True, "weight": 1.0}
_IMPLIED_WRITTEN = f"{{{model.IMPLIED_PROPERTY}: true, weight: 1.0, dataset: $dataset}}"


def wanted_implied(dataset: Dataset, state: State) -> dict[tuple[str, str], str]:
    """The implied indicator→element edges the dataset should have, (indicator, element) -> the element's label:
    one for each (element)-[:MEASURED_BY]->(indicator) of the files, unless a real contribution from the
    indicator to the element stands in for it (the files', or another dataset's held in the database)."""
    real = {(start, end) for _, start, end in dataset.edges.of_type(model.CONTRIBUTES_TO.name)} | state.foreign_real
    wanted: dict[tuple[str, str], str] = {}
    for edge in dataset.edges.of_type(model.MEASURED_BY.name):
        _, element, indicator = edge
        if (indicator, element) not in real:
            wanted[(indicator, element)] = dataset.edge_labels[edge][0]
    return wanted


def _implied_statements(
    dataset: Dataset,
    state: State,
    created: dict[str, set[Any]],
    wanted: dict[tuple[str, str], str],
    twinned: set[tuple[str, str]],
    batch_size: int,
) -> list[_Statement]:
    """Bring the dataset's implied indicator→element edges (graph/model.py) in line with the files, from the files
    and `state` alone: those `wanted` (wanted_implied) but not `twinned` (created beside their MEASURED_BY),
    and those held that are no longer wanted. The indicator end is always one the files define, so an edge with an end just
    created is CREATEd; the others are MERGEd, SET or deleted as the database holds them."""
    contributes = model.CONTRIBUTES_TO.name
    props = {**IMPLIED_EDGE_PROPERTIES, "dataset": dataset.name}
    grouped: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for (indicator, element), label in wanted.items():
        if (indicator, element) in twinned:
            continue
        held = state.implied.get((indicator, element))
        ends = [indicator, element, dataset.dataset_of(indicator), dataset.dataset_of(element)]
        if held is not None:
            if not same_properties(held, props):
                grouped[("SET", label)].append(ends)
        elif indicator in created.get(model.INDICATOR.label, ()) or element in created.get(label, ()):
            grouped[("CREATE", label)].append(ends)
        else:
            grouped[("MERGE", label)].append(ends)
    stale = [list(pair) for pair in state.implied if pair not in wanted]
    held_edge = f"MATCH (a)-[r:{contributes}]->(b) WHERE r.{model.IMPLIED_PROPERTY} = true AND r.dataset = $dataset "
    update = "SET r.weight = 1.0, r.dataset = $dataset"
    verbs = {
        "CREATE": f"CREATE (a)-[r:{contributes} {_IMPLIED_WRITTEN}]->(b)",
        "MERGE": f"MERGE (a)-[r:{contributes} {{{model.IMPLIED_PROPERTY}: true}}]->(b) {update}",
        "SET": held_edge + update,
    }
    statements = [
        _Statement(
            _edge_ends(model.INDICATOR.label, label) + verbs[verb] + ("" if verb == "SET" else _SEEDS_OF_EDGE),
            {"rows": batch, "dataset": dataset.name},
            seeds=verb != "SET",
        )
        for (verb, label), rows in sorted(grouped.items())
        for batch in _batches(rows, batch_size)
    ]
    for batch in _batches(stale, batch_size):
        statements.append(
            _Statement(
                f"UNWIND $rows AS row MATCH (a:{model.INDICATOR.label} {{id: row[0], dataset: $dataset}}) "
                f"{model.key_index_hint(model.INDICATOR, 'a')} "
                f"MATCH (a)-[r:{contributes}]->(b:{_IMPLIED_ENDS}) WHERE r.{model.IMPLIED_PROPERTY} = true "
                f"AND r.dataset = $dataset AND {model.key_expression('b')} = row[1] DELETE r" + _SEEDS_OF_EDGE,
                {"rows": batch, "dataset": dataset.name},
                seeds=True,
            )
        )
    return statements


def _edge_ends(start_label: str, end_label: str) -> str:
    """The start of an edge statement: each row's two ends found by key (`row[0]`, `row[1]`) in their versions
    (`row[2]`, `row[3]`: this import's, or another Pemda's a reference resolved to) as `a` and `b`."""
    start, end = model.NODE_TYPES_BY_LABEL[start_label], model.NODE_TYPES_BY_LABEL[end_label]
    return (
        f"UNWIND $rows AS row MATCH (a:{start_label} {{{start.key[0]}: row[0], dataset: row[2]}}) "
        f"{model.key_index_hint(start, 'a')} "
        f"MATCH (b:{end_label} {{{end.key[0]}: row[1], dataset: row[3]}}) {model.key_index_hint(end, 'b')} "
    )


def same_properties(held: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    """Whether properties the database holds equal the ones to write (no nulls among them), as Cypher's `=`
    compares them: 1 equals 1.0, but true is not 1 and a list equals a list (or tuple) of equal values."""
    return held.keys() == wanted.keys() and all(_same_value(held[key], wanted[key]) for key in held)


def _same_value(held: Any, wanted: Any) -> bool:
    if isinstance(held, bool) or isinstance(wanted, bool):
        return type(held) is type(wanted) and held == wanted
    if isinstance(held, (list, tuple)) or isinstance(wanted, (list, tuple)):
        return (
            isinstance(held, (list, tuple))
            and isinstance(wanted, (list, tuple))
            and len(held) == len(wanted)
            and all(map(_same_value, held, wanted))
        )
    return bool(held == wanted)


def _without_fact(props: dict[str, Any]) -> dict[str, Any]:
    for fact in model.FACT_PROPERTIES:
        props.pop(fact, None)
    return props


def _without_nulls(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if value is not None}


def write(
    runner: Runner,
    statements: list[_Statement] | Dataset | Callable[[ManagedTransaction], list[_Statement]],
    *,
    batch_size: int = BATCH_SIZE,
    on_statement: Callable[[int], None] | None = None,
    timeout: float | None = 600.0,
    dataset: Dataset | None = None,
    record: ImportRecord | None = None,
) -> WriteSummary:
    """Run a plan as one transaction; any failure (ours or Neo4j's) rolls everything back.

    `statements` is the plan (from `plan`), or a function of the transaction that returns it (so the
    state it is based on is read inside the same transaction), or a Dataset (planned here). When a
    uniqueness constraint refuses the write, the nodes of `dataset` (or of the Dataset given) that another
    dataset holds are looked up and the import refused with ImportRejected naming them.

    With a `record`, an import that changes something records itself in the import log in the same
    transaction (graph/model.py); an attempt that finds its record already there (the driver retried after an
    earlier attempt committed) writes nothing and answers what that one did. When the commit's answer is
    lost (IncompleteCommit), a write that changed something raises CommitOutcomeUnknown (the record settles
    it: outcome.settle); one that changed nothing returns as usual, as the data is as planned either way."""
    last_attempt: list[WriteSummary] = []

    def work(tx: ManagedTransaction) -> WriteSummary:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()  # one import at a time: see graph/model.py
        last_attempt.clear()
        if record is not None:
            committed = recorded(tx, record.id)
            if committed is not None:
                return WriteSummary.from_log(committed)
        _refuse_clashes(tx, written)  # ids are unique across Pemda: checked here, after the lock, where it holds
        # before anything is written: the counts they compare change
        current = reach.is_current(tx), support.is_current(tx)
        todo = statements
        if isinstance(todo, Dataset):
            todo = plan(todo, batch_size, read_state(tx, todo))
        elif callable(todo):
            todo = todo(tx)
        summary, seeds, upward = _run_statements(tx, todo, on_statement)
        # the version's record (graph/versions.py), when missing or changed: metadata, not counted as data written
        recorded_version = written is not None and _record_version(tx, written)
        _finish(tx, summary, (seeds if current[0] else None, upward if current[1] else None), record, recorded_version)
        last_attempt.append(summary)
        return summary

    written = statements if isinstance(statements, Dataset) else dataset
    try:
        return runner.write_transaction(work, timeout=timeout)
    except IncompleteCommit as lost:
        if record is None:
            raise
        if last_attempt and not last_attempt[-1].changed():
            return last_attempt[-1]
        raise CommitOutcomeUnknown(record, lost) from lost
    except ConstraintError:
        problems = clashes(runner, written) if written is not None else []
        if problems:
            raise ImportRejected(problems) from None
        raise


def _record_version(tx: ManagedTransaction, dataset: Dataset) -> bool:
    """Write the version's record when it is missing or says otherwise; whether it wrote."""
    version = dataset.version or versions.Version(dataset.name, versions.pemda_of(dataset.name))
    counters = tx.run(versions.RECORD_STATEMENT, versions.record_params(version)).consume().counters
    return bool(counters.nodes_created or counters.properties_set)


def _finish(
    tx: ManagedTransaction,
    summary: WriteSummary,
    seeds: tuple[set[str] | None, set[str] | None],
    record: ImportRecord | None,
    recorded_version: bool = False,
) -> None:
    """After the plan, in the same transaction: "reaches an outcome" and the activities reaching each element where
    the import may have changed them (`seeds`: reach's and support's; everywhere when None: that fact was not
    current), then the data version and the import's record when something changed, and last the facts' mark, which
    records the counts as the transaction leaves them. The support lists are not counted among properties_set
    (graph/model.py SUPPORT_PROPERTY)."""
    summary.properties_set += reach.maintain(tx, seeds[0])
    support.maintain(tx, seeds[1])
    if summary.changed():
        tx.run(model.DATA_VERSION_STATEMENT).consume()  # caches keyed on the data version: see graph/model.py
        if record is not None:
            tx.run(model.IMPORT_RECORD_STATEMENT, record.params(summary.changes())).consume()
    if summary.changed() or None in seeds or recorded_version:  # the counts the mark keeps changed
        reach.mark(tx)


def _run_statements(
    tx: ManagedTransaction, todo: list[_Statement], on_statement: Callable[[int], None] | None
) -> tuple[WriteSummary, set[str], set[str]]:
    """The plan's statements in order inside the one transaction, their counters summed, and the seeds they
    returned (graph/importer/reach.py, support.py); `on_statement` hears each number so a progress bar can follow a long
    import."""
    summary = WriteSummary()
    seeds: set[str] = set()
    upward: set[str] = set()
    for number, statement in enumerate(todo, start=1):
        result = tx.run(statement.cypher, statement.params)
        if statement.seeds:
            row = result.single(strict=True)
            seeds.update(row["seeds"])
            upward.update(row["upward"])
        summary.add(result.consume().counters)
        summary.batches = number
        if on_statement is not None:
            on_statement(number)
    return summary, seeds, upward


def _key_cypher(node: model.NodeType, variable: str) -> str:
    if len(node.key) == 1:
        return f"{variable}.{node.key[0]}"
    return "[" + ", ".join(f"{variable}.{prop}" for prop in node.key) + "]"


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _key_param(key: Any) -> Any:
    return list(key) if isinstance(key, tuple) else [key]


def _value_rows(items: Any, keys: Iterable[Any]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The property names of `items` (key -> properties) and, for each of `keys`, its values in that order
    (None where a node has no such property). A builder's Nodes hands out the tuples it stores."""
    keys = list(keys)
    if isinstance(items, Nodes):
        return items.columns or (), [items.stored(key) for key in keys]
    columns = tuple(dict.fromkeys(column for key in keys for column in items[key]))
    return columns, [tuple(items[key].get(column) for column in columns) for key in keys]


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _as_tuple(key: Any) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) else (key,)
