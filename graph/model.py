"""The performance-tree model, declared once: labels, keys, relationship types, levels and constraints.

Everything else (the importer, the queries' checks, the docs) reads these declarations, so a label or
a relationship is named in exactly one place. Constraints and indexes get deterministic names and are
created with IF NOT EXISTS, so applying the schema twice is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from graph.db import Runner

# Levels of the tree, top to bottom (docs/domain.md, "The tree"). The order is what cascade checks compare.
GOAL_LEVELS: Final = (
    "visi",
    "misi",
    "tujuan",
    "sasaran",
    "sasaran_program",
    "sasaran_kegiatan",
    "sasaran_subkegiatan",
    "rhk",
)
OUTCOME_LEVELS: Final = ("visi", "misi", "tujuan", "sasaran")
ACTIVITY_KINDS: Final = ("program", "kegiatan", "subkegiatan")
UNIT_KINDS: Final = ("pemda", "perangkat_daerah", "unit_kerja")
# positif: higher is better; negatif: lower is better; stabil: inside a range (target_min..target_max) is best.
POLARITIES: Final = ("positif", "negatif", "stabil")
DEFAULT_POLARITY: Final = "positif"  # an indicator whose files give none (most Renstra tables): one warning


@dataclass(frozen=True)
class NodeType:
    """A node label, its key (unique), the properties lookups filter on (indexed), and the properties a query
    reads for one version (`with_dataset`: an index on the property and `dataset` together, so a version's
    nodes of one level or year are found without reading every version's; docs/versions.md)."""

    label: str
    key: tuple[str, ...]
    properties: tuple[str, ...]
    indexed: tuple[str, ...] = ()
    doc: str = ""
    with_dataset: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelType:
    """A relationship type with the labels it may start and end at, and its properties."""

    name: str
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    properties: tuple[str, ...] = ()
    doc: str = ""
    indexed: tuple[str, ...] = ("dataset",)


UNIT = NodeType(
    "Unit",
    ("id",),
    ("id", "name", "kind", "dataset"),
    ("kind", "dataset"),
    "An organisation: the Pemda, a perangkat daerah (OPD) or a unit kerja inside one.",
)
GOAL = NodeType(
    "Goal",
    ("id",),
    ("id", "level", "statement", "dataset"),
    ("level", "dataset"),
    "A performance element of the tree, from visi down to an individual's RHK.",
    with_dataset=("level",),
)
INDICATOR = NodeType(
    "Indicator",
    ("id",),
    (
        "id",
        "name",
        "satuan",
        "polarity",
        "iku",
        "weight",
        "definition",
        "target_end",
        "target_end_text",
        "dataset",
    ),
    ("dataset",),
    "What measures a goal; its figures per year live in IndicatorYear nodes. `iku`: true/false "
    "when the data says whether it is an IKU (null: not said); `weight`: its bobot among its "
    "goal's indicators (null: 1); `definition`: its definisi operasional / formulasi, when given; "
    "`target_end`: the period's end target (kondisi akhir periode) when the data gives one (null: not given; "
    "documents then show the last year's target), a qualitative one (`A`, `Baik`) kept as written in "
    "`target_end_text`.",
)
INDICATOR_YEAR = NodeType(
    "IndicatorYear",
    ("indicator_id", "year"),
    (
        "indicator_id",
        "year",
        "satuan",
        "baseline",
        "target",
        "target_min",
        "target_max",
        "realisasi",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "realisasi_tw1",
        "realisasi_tw2",
        "realisasi_tw3",
        "realisasi_tw4",
        # a qualitative figure (`A`, `BB`, `Baik`) is kept as written in <figure>_text, never in the number
        "baseline_text",
        "target_text",
        "realisasi_text",
        "target_tw1_text",
        "target_tw2_text",
        "target_tw3_text",
        "target_tw4_text",
        "realisasi_tw1_text",
        "realisasi_tw2_text",
        "realisasi_tw3_text",
        "realisasi_tw4_text",
        "dataset",
    ),
    # indicator_id alone: a composite key's index serves only lookups by both properties, and an indicator's
    # years were found by scanning every IndicatorYear (element_detail 1 s on the national slice)
    ("indicator_id", "year", "dataset"),
    "One indicator's baseline, target and realisasi for one year (and the year's satuan): figures kept apart "
    "from the structure.",
)
ACTIVITY = NodeType(
    "Activity",
    ("id",),
    ("id", "kind", "code", "name", "year", "budget", "dataset"),
    ("kind", "code", "year", "dataset"),
    "Budgeted work in the national nomenclature: program, kegiatan, subkegiatan (pagu).",
)
ASN = NodeType(
    "ASN",
    ("nip",),
    ("nip", "name", "asn_kind", "position", "position_id", "dataset"),
    ("name", "dataset"),
    "A civil servant (asn_kind 'PNS' or 'PPPK'), keyed by the 18-digit NIP or NI PPPK (personal data).",
)
ASN_KINDS: Final = ("PNS", "PPPK")

NODE_TYPES: Final = (UNIT, GOAL, INDICATOR, INDICATOR_YEAR, ACTIVITY, ASN)
# What a row of an audit finding can name (and the tree can mark): every label but the figures.
ELEMENT_LABELS: Final = tuple(node.label for node in NODE_TYPES if node is not INDICATOR_YEAR)
# Values a named query takes from the model rather than from its caller (`// const NAME` in its header,
# graph/catalog.py): each list is written here once, not in every query that needs it.
QUERY_CONSTANTS: Final[dict[str, list[str]]] = {"outcome_levels": list(OUTCOME_LEVELS)}
NODE_TYPES_BY_LABEL: Final = {node.label: node for node in NODE_TYPES}

CONTRIBUTES_TO = RelType(
    "CONTRIBUTES_TO",
    ("Goal", "Activity", "Indicator"),
    ("Goal", "Indicator"),
    ("weight", "implied"),
    "Supports a higher element; weight defaults to 1. `implied: true` marks the edge "
    "derived from MEASURED_BY (see IMPLIED_EDGES below), never one from the data: only "
    "an implied edge may end at an Activity (the one its indicator stands for).",
)
ASSIGNED_TO = RelType(
    "ASSIGNED_TO", ("Unit", "ASN"), ("Goal", "Indicator", "Activity"), (), "Is accountable for the element."
)
MEASURED_BY = RelType(
    "MEASURED_BY",
    ("Goal", "Activity"),
    ("Indicator",),
    (),
    "The element is measured by the indicator: a goal's (an RHK's too), a program's outcome "
    "indicator, a kegiatan's or sub-kegiatan's output indicator (indikator keluaran).",
)
# What an indicator may measure (indicators.csv element_id); goal_id names a Goal only.
MEASURED_ELEMENTS: Final = MEASURED_BY.starts
UNIT_PART_OF = RelType("PART_OF", ("Unit",), ("Unit",), (), "A unit belongs to a larger unit.")
ACTIVITY_PART_OF = RelType(
    "PART_OF", ("Activity",), ("Activity",), (), "A kegiatan belongs to its program, a subkegiatan to its kegiatan."
)
MEMBER_OF = RelType("MEMBER_OF", ("ASN",), ("Unit",), (), "The ASN works in the unit.")
REPORTS_TO = RelType("REPORTS_TO", ("ASN",), ("ASN",), (), "The ASN's direct superior.")

REL_TYPES: Final = (CONTRIBUTES_TO, ASSIGNED_TO, MEASURED_BY, UNIT_PART_OF, ACTIVITY_PART_OF, MEMBER_OF, REPORTS_TO)
REL_TYPE_NAMES: Final = tuple(dict.fromkeys(rel.name for rel in REL_TYPES))


# --- Implied edges: "an indicator stands for the element it measures" ----------------------------------
#
# Reaching an indicator counts as reaching the element (Goal or Activity) it measures, so going "up" the tree would mix
# CONTRIBUTES_TO forwards with MEASURED_BY backwards, which Neo4j cannot follow in one breadth-first
# search. The graph therefore carries, for every (g:Goal|Activity)-[:MEASURED_BY]->(i:Indicator), an IMPLIED edge
#     (i)-[:CONTRIBUTES_TO {implied: true, weight: 1.0, dataset: <the MEASURED_BY's dataset>}]->(g)
# which states exactly that rule. "Up" is then `(x)-[:CONTRIBUTES_TO*0..]->(y)` and "down" its reverse.
# Anything that counts or shows real contributions (weights, crosscutting, cascade checks, cycles as
# members, drawn edges) filters them: `WHERE NOT coalesce(r.implied, false)` (real edges carry no
# `implied` property). When the data itself has (i)-[:CONTRIBUTES_TO]->(g) for a goal g that i measures,
# that real edge already states the step and no implied edge is added beside it.
# The importer maintains them in its one transaction (graph/importer/writer.py plans them from the files, by the
# same rule); graphs built with raw Cypher call derive_implied_edges(runner) after building.

IMPLIED_PROPERTY: Final = "implied"

# Each statement comes in two forms: for one dataset, which finds that dataset's MEASURED_BY and implied edges
# through the relationship `dataset` indexes (an import must not scan every indicator of the database: on the
# national graph that is 261,540 of them, twice, for each of 199 imports), and for the whole graph.
_DERIVE_DELETE = """
MATCH (i:Indicator)-[r:CONTRIBUTES_TO{scope}]->(g:Goal|Activity){hint_r}
WHERE r.implied = true
  AND (NOT EXISTS {{ (g)-[:MEASURED_BY]->(i) }}
       OR EXISTS {{ MATCH (i)-[real:CONTRIBUTES_TO]->(g) WHERE real.implied IS NULL }})
DELETE r
"""
_DERIVE_CREATE = """
MATCH (g:Goal|Activity)-[m:MEASURED_BY{scope}]->(i:Indicator){hint_m}
WHERE NOT EXISTS {{ MATCH (i)-[real:CONTRIBUTES_TO]->(g) WHERE real.implied IS NULL }}
MERGE (i)-[r:CONTRIBUTES_TO {{implied: true}}]->(g)
  ON CREATE SET r.weight = 1.0, r.dataset = m.dataset
WITH r, m
WHERE r.weight IS NULL OR r.weight <> 1.0 OR r.dataset IS NULL OR r.dataset <> m.dataset
   OR (m.dataset IS NULL AND r.dataset IS NOT NULL)
SET r.weight = 1.0, r.dataset = m.dataset
"""


def derive_implied_edges_statements(dataset: bool = True) -> list[str]:
    """The Cypher that brings the implied edges in line with MEASURED_BY: with `dataset`, only the MEASURED_BY
    and implied edges of the dataset given as `$dataset`; without, those of the whole graph. Idempotent: run
    twice, the second run creates, deletes and sets nothing."""
    scope = " {dataset: $dataset}" if dataset else ""
    hints = {
        "hint_r": "\nUSING INDEX SEEK r:CONTRIBUTES_TO(dataset)" if dataset else "",
        "hint_m": "\nUSING INDEX SEEK m:MEASURED_BY(dataset)" if dataset else "",
    }
    return [statement.format(scope=scope, **hints).strip() for statement in (_DERIVE_DELETE, _DERIVE_CREATE)]


def derive_implied_edges(runner: Runner, dataset: str | None = None) -> None:
    """Create the missing implied edges and delete the stale ones (for graphs built with raw Cypher)."""
    for statement in derive_implied_edges_statements(dataset is not None):
        runner.write(statement, {"dataset": dataset} if dataset is not None else {})


# --- Search: by name, code, id or NIP without reading every node --------------------------------------------
#
# cypher/search.cypher finds what CONTAINS the text (case-insensitively) in these properties of these labels.
# The full-text index below turns that into index look-ups: Lucene's standard tokenizer keeps every run of
# letters and digits inside one term (lower-cased), so a node whose property contains the text has terms that
# start with, or contain, the text's words; the query asks the index for those (made from the words alone: the
# text's own punctuation never reaches Lucene's query syntax) and checks each node found with the same
# CONTAINS as before. NIPs are not in it (one term per ASN would only grow the term list): a whole NIP is a
# seek on the key's index, a part of one (token holders only) a seek on the TEXT index on ASN.nip, whose
# trigrams serve CONTAINS. Both are created by apply_schema, so a graph from before them gets them at its
# next import.
SEARCH_INDEX: Final = "pokin_search"
SEARCH_LABELS: Final = ("Goal", "Indicator", "Activity", "Unit", "ASN")
SEARCH_PROPERTIES: Final = ("id", "code", "name", "statement")
SEARCH_ANALYZER: Final = "standard-no-stop-words"  # lower-cases, splits at what is neither letter nor digit
NIP_TEXT_INDEX: Final = "pokin_asn_nip_text"


def search_index_statements() -> list[str]:
    """The full-text index search looks candidates up in, and the TEXT index on NIPs (see above)."""
    labels = "|".join(SEARCH_LABELS)
    properties = ", ".join(f"n.{prop}" for prop in SEARCH_PROPERTIES)
    return [
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [{properties}] "
        f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{SEARCH_ANALYZER}', "
        "`fulltext.eventually_consistent`: false}}",
        f"CREATE TEXT INDEX {NIP_TEXT_INDEX} IF NOT EXISTS FOR (n:{ASN.label}) ON (n.nip)",
    ]


# Imports are serialised by a write lock on the one node of this label, taken first in every import's
# transaction and held until it commits or rolls back: two imports at once would otherwise each plan
# from the same state and collide on keys (or interleave into a mixed graph). The node also carries the
# version of the data: a fresh UUID set by every import that changes something (DATA_VERSION_STATEMENT, in
# the same transaction), which the service's caches key on.
IMPORT_LOCK_LABEL = "PokinImportLock"
IMPORT_LOCK_STATEMENT = f"MERGE (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}}) SET lock.held = true"
DATA_VERSION_STATEMENT = f"MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}}) SET lock.version = randomUUID()"
# What identifies the data as it is now: the last import's version, and the node and relationship counts
# (read from Neo4j's count store, O(1)), so a wipe or a write made outside the importer also shows.
DATA_VERSION_QUERY = (
    f"OPTIONAL MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}}) "
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
    "RETURN lock.version AS version, nodes, relationships"
)


# --- A fact the importer keeps: what reaches an outcome -------------------------------------------------
#
# An element (Goal, Indicator, Activity) reaches an outcome when `(x)-[:CONTRIBUTES_TO*0..]->(o:Goal)` holds for
# an o of an OUTCOME_LEVEL (an outcome goal reaches itself). The importer keeps that answer on every such node as
# the boolean REACH_PROPERTY, inside each import's transaction (graph/importer/reach.py): only the nodes whose
# answer may have changed are looked at again (those from which a node or edge the import created, changed or
# removed can be reached), and only a changed answer is written, so an unchanged re-import writes nothing. The
# audit queries read it instead of walking the graph (docs/reach.md) ONLY while it is known to be current: the
# import lock node (below) records, when the fact was last made current, the data version and the node and
# relationship counts of the graph (REACH_MARK_STATEMENT); a query trusts the fact only when they are still the
# graph's (REACH_CURRENT, written out in each query that reads it), and walks the graph otherwise. A graph written
# by raw Cypher or by an older pokin therefore gets today's traversal, and the next import (or
# `pokin reach --rebuild`) computes the fact again for the whole graph. The fact is an addition: the graph's
# nodes and edges are untouched, so the analyst's Cypher works on the plain graph.
REACH_PROPERTY: Final = "reaches_outcome"
REACH_LABELS: Final = ("Goal", "Indicator", "Activity")  # where CONTRIBUTES_TO starts or ends
# indexed where a query looks for the elements that do NOT reach (activities_without_leverage, over the whole graph)
REACH_INDEXED: Final = ("Activity",)
_REACH_COUNTS = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes }\n"
    "CALL (nodes) { MATCH ()-[r]->() RETURN count(r) AS relationships }\n"
)
# Whether the fact is current: each query that reads the fact starts with REACH_CURRENT_BLOCK word for word
# (tests/test_reach.py checks it), then reads `reach_known`. The counts come from Neo4j's count store (no scan).
REACH_CURRENT_BLOCK = (
    _REACH_COUNTS + "CALL (nodes, relationships) {\n"
    f"  OPTIONAL MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}})\n"
    "  RETURN coalesce(lock.reach_version = coalesce(lock.version, '') AND lock.reach_nodes = nodes\n"
    "                  AND lock.reach_relationships = relationships, false) AS reach_known\n"
    "}\n"
)
REACH_CURRENT_QUERY = REACH_CURRENT_BLOCK + "RETURN reach_known"

# --- A second fact the importer keeps: which activities reach each element -------------------------------------
#
# outcome_goals_without_activity asks the other way round: which tujuan and sasaran some activity (of a budget
# year, of the versions read) reaches by one or more CONTRIBUTES_TO steps. The importer keeps, on every Goal,
# Indicator and Activity, SUPPORT_PROPERTY: the sorted list of "<year>:<dataset>" of the activities that reach it
# (an activity's year, empty when it has none, and its version; absent when none does), inside the same
# transaction and with the same rule as REACH_PROPERTY (graph/importer/support.py, docs/reach.md): only the nodes
# above something the import created, changed or removed are worked out again, only a changed list is written, and
# a query trusts it only while the lock node's own record (SUPPORT_CURRENT_BLOCK, kept apart from the reach fact's:
# a graph written by a pokin that kept only the first fact has the one current and not the other) matches the
# graph. Not counted among the import's properties_set: what it writes depends on the other versions in the graph.
SUPPORT_PROPERTY: Final = "activity_support"
FACT_PROPERTIES: Final = (REACH_PROPERTY, SUPPORT_PROPERTY)  # derived, never the files': the writer keeps them apart
SUPPORT_CURRENT_BLOCK = (
    _REACH_COUNTS + "CALL (nodes, relationships) {\n"
    f"  OPTIONAL MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}})\n"
    "  RETURN coalesce(lock.support_version = coalesce(lock.version, '') AND lock.support_nodes = nodes\n"
    "                  AND lock.support_relationships = relationships, false) AS support_known\n"
    "}\n"
)
SUPPORT_CURRENT_QUERY = SUPPORT_CURRENT_BLOCK + "RETURN support_known"
# Records that both facts are current for the graph as it is now (the last statement of a transaction that made
# them so: every import, removal and rebuild keeps both).
REACH_MARK_STATEMENT = (
    _REACH_COUNTS
    + f"MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}}) "
    + "SET lock.reach_version = coalesce(lock.version, ''), lock.reach_nodes = nodes, "
    "lock.reach_relationships = relationships, "
    "lock.support_version = coalesce(lock.version, ''), lock.support_nodes = nodes, "
    "lock.support_relationships = relationships"
)


# --- What the importer keeps for the people queries (graph/importer/people_kept.py, docs/people-kept.md) --------
#
# The single points of failure and the ASN whose RHK intervene in nothing of their atasan's, worked out after every
# import for the default version scope of the moment and kept on the import lock node (people_*), with a record as
# the one of "reaches an outcome": the data version and the node and relationship counts, and the scope. Each
# query that reads them starts with PEOPLE_CURRENT_BLOCK word for word (tests/test_people_kept.py checks it) and
# trusts them only when `people_known`: the record is still the graph's and the scope is the one asked for.
PEOPLE_CURRENT_BLOCK = (
    _REACH_COUNTS + "CALL (nodes, relationships) {\n"
    f"  OPTIONAL MATCH (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}})\n"
    "  RETURN lock AS people_lock,\n"
    "         coalesce(lock.people_version = coalesce(lock.version, '') AND lock.people_nodes = nodes\n"
    "                  AND lock.people_relationships = relationships AND lock.people_all = ($datasets IS NULL)\n"
    "                  AND ($datasets IS NULL OR (size(lock.people_scope) = size($datasets)\n"
    "                                             AND all(d IN $datasets WHERE d IN lock.people_scope))),\n"
    "                  false) AS people_known\n"
    "}\n"
)

# The import log: every import that changes its dataset records, inside its own transaction, one node of this
# label: the import's id (made before the transaction, so a retried attempt carries the same one), its
# dataset, where its files came from and their digest, when it committed, the dataset's counts and what it
# changed. The record commits with the import or not at all, so after a lost commit (the driver's
# IncompleteCommit: the outcome is unknown) reading it says which happened; it also lets a retried attempt
# of an import that did commit see so. An import that changes nothing writes no record (nor a new data
# version): the data is then as its files say whether or not its transaction commits. Only the last
# IMPORT_LOG_KEEP records of each dataset are kept. The log is metadata, not data: queries match by the
# model's labels and never see it.
IMPORT_LOG_LABEL = "PokinImport"
# One record per version of a Pemda's tree (graph/versions.py): metadata like the log, never seen by queries.
VERSION_LABEL = "PokinVersion"
IMPORT_LOG_KEEP = 20
IMPORT_LOG_CHANGES = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)
IMPORT_RECORDED_QUERY = f"MATCH (log:{IMPORT_LOG_LABEL} {{id: $id}}) RETURN log {{.*, at: toString(log.at)}} AS log"
IMPORT_RECORD_STATEMENT = (
    f"CREATE (log:{IMPORT_LOG_LABEL} {{id: $id}}) "
    "SET log.dataset = $dataset, log.at = datetime.transaction(), log.source = $source, log.files = $files, "
    "log.digest = $digest, log.counts = $counts, "
    + ", ".join(f"log.{change} = $changes.{change}" for change in IMPORT_LOG_CHANGES)
    + " "
    f"WITH DISTINCT log.dataset AS dataset "
    f"MATCH (old:{IMPORT_LOG_LABEL} {{dataset: dataset}}) "
    "WITH old ORDER BY old.at DESC SKIP $keep "
    "DELETE old"
)
# The log, newest first: all datasets, or one ($dataset), at most $limit records.
IMPORT_LOG_QUERY = (
    f"MATCH (log:{IMPORT_LOG_LABEL}) WHERE $dataset IS NULL OR log.dataset = $dataset "
    "RETURN log {.*, at: toString(log.at)} AS log ORDER BY log.at DESC LIMIT $limit"
)
# Waits for the import lock (so an import whose commit is still under way has ended, either way), then
# reads the record of import $id. The lock node is merged, not matched: a first import, creating it, holds
# its key until it ends too; when the lock was not there (that import did not commit), the one merged here
# is deleted again, so settling leaves the database as it found it.
IMPORT_SETTLED_QUERY = (
    f"MERGE (lock:{IMPORT_LOCK_LABEL} {{id: 'import'}}) ON CREATE SET lock.settling = true "
    "SET lock.held = true WITH lock "
    f"OPTIONAL MATCH (log:{IMPORT_LOG_LABEL} {{id: $id}}) "
    "WITH lock, log {.*, at: toString(log.at)} AS found "
    "FOREACH (merged IN CASE WHEN lock.settling THEN [lock] ELSE [] END | DELETE merged) "
    "RETURN found AS log"
)


# --- Versions: a key is unique within one version -----------------------------------------------------------
#
# A version is one import unit: one Pemda's tree as one PK year or one Renstra state (docs/versions.md). Its key is
# the `dataset` every node and relationship carries (`<pemda>` unnamed, `<pemda>@<name>` named), so the same id in
# two versions is two nodes (the same element over time): the uniqueness constraints are on the key AND the
# dataset, and a plain index on the key alone serves lookups by id. Constraints of the model before versions (on
# the key alone) are dropped by apply_schema (SUPERSEDED_CONSTRAINTS).
VERSION_PROPERTY: Final = "dataset"


def unique_properties(node: NodeType) -> tuple[str, ...]:
    """What identifies a node: its key within its version."""
    return (*node.key, VERSION_PROPERTY)


def _unique_name(node: NodeType) -> str:
    return f"pokin_{node.label.lower()}_{'_'.join(unique_properties(node))}_unique"


def superseded_constraints() -> list[str]:
    """The names of the key-only constraints a graph written before versions has (dropped by apply_schema)."""
    return [f"pokin_{node.label.lower()}_{'_'.join(node.key)}_unique" for node in NODE_TYPES]


def _key_index_statement(node: NodeType) -> list[str]:
    """A lookup by key alone (an id from a URL, a reference) seeks this index; the composite constraint's index
    serves lookups by key and version."""
    if len(node.key) != 1 or node.key[0] in node.indexed:
        return []
    prop = node.key[0]
    return [f"CREATE INDEX pokin_{node.label.lower()}_{prop} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})"]


def constraint_statements() -> list[str]:
    """CREATE CONSTRAINT/INDEX statements with deterministic names, derived from the declarations above."""
    statements = []
    for node in NODE_TYPES:
        stem = node.label.lower()
        key = ", ".join(f"n.{prop}" for prop in unique_properties(node))
        statements.append(
            f"CREATE CONSTRAINT {_unique_name(node)} IF NOT EXISTS FOR (n:{node.label}) REQUIRE ({key}) IS UNIQUE"
        )
        statements += _key_index_statement(node)
        for prop in node.indexed:
            statements.append(f"CREATE INDEX pokin_{stem}_{prop} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})")
    for rel_name in REL_TYPE_NAMES:
        for prop in dict.fromkeys(p for rel in REL_TYPES if rel.name == rel_name for p in rel.indexed):
            statements.append(
                f"CREATE INDEX pokin_rel_{rel_name.lower()}_{prop} IF NOT EXISTS FOR ()-[r:{rel_name}]-() ON (r.{prop})"
            )
    statements.append(
        f"CREATE CONSTRAINT pokin_import_lock_id_unique IF NOT EXISTS "
        f"FOR (n:{IMPORT_LOCK_LABEL}) REQUIRE (n.id) IS UNIQUE"
    )  # one lock node, even at first
    statements.append(
        f"CREATE CONSTRAINT pokin_import_log_id_unique IF NOT EXISTS "
        f"FOR (n:{IMPORT_LOG_LABEL}) REQUIRE (n.id) IS UNIQUE"
    )
    statements.append(f"CREATE INDEX pokin_import_log_dataset IF NOT EXISTS FOR (n:{IMPORT_LOG_LABEL}) ON (n.dataset)")
    statements.append(
        f"CREATE CONSTRAINT pokin_version_dataset_unique IF NOT EXISTS FOR (n:{VERSION_LABEL}) REQUIRE (n.dataset) IS UNIQUE"
    )
    for label in REACH_INDEXED:
        statements.append(
            f"CREATE INDEX pokin_{label.lower()}_{REACH_PROPERTY} IF NOT EXISTS FOR (n:{label}) ON (n.{REACH_PROPERTY})"
        )
    statements += [
        f"CREATE INDEX pokin_{label.lower()}_{prop}_dataset IF NOT EXISTS FOR (n:{label}) ON (n.{prop}, n.dataset)"
        for label, prop in with_dataset_indexes()
    ]
    return statements + search_index_statements()


def with_dataset_indexes() -> list[tuple[str, str]]:
    """(label, property) of each composite index on the property and `dataset`, which a per-version query seeks with
    `UNWIND $datasets AS dataset ... {prop: x, dataset: dataset}`: one version's nodes of that value, where the index
    on the property alone finds every version's. The declared ones (`with_dataset`) and the importer's reach fact."""
    declared = [(node.label, prop) for node in NODE_TYPES for prop in node.with_dataset]
    return declared + [(label, REACH_PROPERTY) for label in REACH_INDEXED]


def key_index_hint(node: NodeType, variable: str) -> str:
    """`USING INDEX SEEK` on the node's key and version (its uniqueness constraint's index; the lookup must give
    both, `{id: .., dataset: ..}`): a lookup by key must seek even
    when the planner's statistics are stale, e.g. right after a big import, when it may think a label is empty
    and plan a label scan per row (seconds turn into minutes). Plain `USING INDEX` is not enough: it lets the
    planner scan the whole index once per row and hash-join (the re-import of a kabupaten's unit assignments
    did that: 4.7 million index entries read for 5,000 rows)."""
    return f"USING INDEX SEEK {variable}:{node.label}({', '.join(unique_properties(node))})"


def key_lookup_hint(node: NodeType, variable: str) -> str:
    """`USING INDEX SEEK` on the first key property alone, for a lookup across versions (which versions hold an
    id): the plain index on it (pokin_<label>_<key>; an IndicatorYear's indicator_id index)."""
    return f"USING INDEX SEEK {variable}:{node.label}({node.key[0]})"


def key_expression(variable: str) -> str:
    """Cypher for a node's key whatever its label (ASN are keyed by NIP, everything else by id)."""
    return f"coalesce({variable}.id, {variable}.nip)"


def schema_names() -> set[str]:
    """The names of every constraint and index the model declares."""
    names = set()
    for statement in constraint_statements():
        words = statement.split()
        names.add(words[words.index("CONSTRAINT" if "CONSTRAINT" in words else "INDEX") + 1])
    return names


def apply_schema(runner: Runner) -> None:
    """Create the constraints and indexes (idempotent) and wait until the indexes are online.

    Every import calls this: when every declared index (a constraint's too, under the constraint's name) is
    there and online, one SHOW INDEXES replaces the 27 statements (a national load runs 199 imports). The
    key-only constraints of a graph from before versions are dropped first (superseded_constraints)."""
    online = {row["name"] for row in runner.read("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")}
    superseded = set(superseded_constraints())
    if schema_names() <= online and not superseded & online:
        return
    for name in sorted(superseded):  # a graph from before versions: its ids become unique per version
        runner.write(f"DROP CONSTRAINT {name} IF EXISTS")
    for statement in constraint_statements():
        runner.write(statement)
    runner.write("CALL db.awaitIndexes(300)")
