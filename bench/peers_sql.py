"""The audit questions as SQL over parent-id tables: what an engineer would write instead of a graph database.

The tables (bench/peers_engines.py loads them) hold the graph pokin holds, read back from Neo4j:
`node(id, label, level, kind, year, budget)` (id is a Unit's, Goal's, Indicator's or Activity's id, an
ASN's nip) and one two-column table per relationship type, `src` to `dst` as in the graph:
`contributes_to` (the implied indicator→goal edges included, as in the graph), `assigned_to` (with the
label of its start, `src_label`), `measured_by`, `member_of` and `part_of` (unit to unit). Every table
is indexed on both ends.

"Reaches an outcome" is a recursive CTE: over the whole graph one set, from the outcome goals down
(`reach`); for one unit, pairs (start, element) from what the unit's staff or activities are assigned to,
up (`up`): the work grows with what is asked, as in the Cypher. UNION (not UNION ALL) keeps each row once,
so cycles terminate in DuckDB, PostgreSQL and SQLite alike.

Each query returns exactly the columns of PEER_COLUMNS, in that order; pokin's rows are cut to the same
columns before they are compared. Parameters are written `:name` and rewritten per engine.
"""

from __future__ import annotations

OUTCOME = "('visi', 'misi', 'tujuan', 'sasaran')"
CHECKED = "('tujuan', 'sasaran', 'sasaran_program', 'sasaran_kegiatan', 'sasaran_subkegiatan')"

# The columns of pokin's rows each peer reproduces (the rest are names and statements, read by id).
PEER_COLUMNS: dict[str, tuple[str, ...]] = {
    "orphaned_staff": ("nip", "unit_id", "reason"),
    "activities_without_leverage": ("id", "unit_id", "reason", "budget"),
    "budget_at_risk_by_unit": ("unit_id", "opd_id", "activities", "budget_at_risk"),
    "goals_without_indicator": ("id", "level", "unit_id"),
    "goals_unassigned": ("id", "level"),
    "outcome_goals_without_activity": ("id", "level", "unit_id"),
    "units_without_outcome": ("id", "kind", "elements"),
    "opd_trees_unlinked": ("id", "goals"),
}
# Audit findings (graph/audit.py) the peers do not answer, and why.
NOT_EXPRESSED: dict[str, str] = {
    "contribution_cycles": "needs the strongly connected components (SQL: every path, exponential on ladders)",
    "cascade_level_violations": "not written for the peers yet",
    "cascade_skipped_levels": "not written for the peers yet",
    "indicators_incomplete": "reads the yearly figures (IndicatorYear), not the tree: no traversal to compare",
    "output_indicators_as_outcomes": "not written for the peers yet",
}

SCHEMA = (
    "CREATE TABLE node (id VARCHAR PRIMARY KEY, label VARCHAR NOT NULL, level VARCHAR, kind VARCHAR, "
    "year INTEGER, budget DOUBLE PRECISION)",
    "CREATE TABLE contributes_to (src VARCHAR NOT NULL, dst VARCHAR NOT NULL)",
    "CREATE TABLE assigned_to (src VARCHAR NOT NULL, dst VARCHAR NOT NULL, src_label VARCHAR NOT NULL)",
    "CREATE TABLE measured_by (src VARCHAR NOT NULL, dst VARCHAR NOT NULL)",
    "CREATE TABLE member_of (src VARCHAR NOT NULL, dst VARCHAR NOT NULL)",
    "CREATE TABLE part_of (src VARCHAR NOT NULL, dst VARCHAR NOT NULL)",
)
TABLES = ("node", "contributes_to", "assigned_to", "measured_by", "member_of", "part_of")
INDEXES = tuple(
    [f"CREATE INDEX {t}_src ON {t} (src, dst)" for t in TABLES[1:]]
    + [f"CREATE INDEX {t}_dst ON {t} (dst, src)" for t in TABLES[1:]]
    + ["CREATE INDEX node_label ON node (label, level)"]
)

# -- building blocks ------------------------------------------------------------------------------------

_REACH = f"""reach(id) AS (
  SELECT id FROM node WHERE label = 'Goal' AND level IN {OUTCOME}
  UNION
  SELECT c.src FROM contributes_to c JOIN reach r ON c.dst = r.id
)"""

_SCOPE = """scope(id) AS (
  SELECT id FROM node WHERE label = 'Unit' AND id = :unit
  UNION
  SELECT p.src FROM part_of p JOIN scope s ON p.dst = s.id
)"""


def _up(starts: str) -> str:
    """(start, element) pairs: every element reached upward from each of `starts` (a CTE with column id),
    then the starts that reach an outcome (`good`)."""
    return f"""up(start, id) AS (
  SELECT id, id FROM {starts}
  UNION
  SELECT u.start, c.dst FROM up u JOIN contributes_to c ON c.src = u.id
),
good(id) AS (
  SELECT DISTINCT u.start FROM up u JOIN node n ON n.id = u.id
  WHERE n.label = 'Goal' AND n.level IN {OUTCOME}
)"""


def _unit_of(alias: str, scoped: bool = False) -> str:
    """The accountable unit of an element: the smallest id among the units assigned to it (in scope)."""
    extra = " AND x.src IN (SELECT id FROM scope)" if scoped else ""
    return f"(SELECT min(x.src) FROM assigned_to x WHERE x.dst = {alias}.id AND x.src_label = 'Unit'{extra})"


# -- orphaned_staff -------------------------------------------------------------------------------------

_ORPHAN_SELECT = """SELECT s.nip, s.unit_id,
       CASE WHEN EXISTS (SELECT 1 FROM assigned_to a WHERE a.src = s.nip) THEN 'dead_end' ELSE 'unassigned' END
FROM staff s
WHERE NOT EXISTS (SELECT 1 FROM assigned_to a JOIN {good} g ON g.id = a.dst WHERE a.src = s.nip)"""

ORPHANED_WHOLE = f"""WITH RECURSIVE {_REACH},
staff(nip, unit_id) AS (
  SELECT n.id, m.dst FROM node n LEFT JOIN member_of m ON m.src = n.id WHERE n.label = 'ASN'
)
{_ORPHAN_SELECT.format(good="reach")}"""

ORPHANED_SCOPED = f"""WITH RECURSIVE {_SCOPE},
staff(nip, unit_id) AS (SELECT DISTINCT m.src, m.dst FROM member_of m JOIN scope s ON m.dst = s.id),
starts(id) AS (SELECT DISTINCT a.dst FROM assigned_to a JOIN staff s ON a.src = s.nip),
{_up("starts")}
{_ORPHAN_SELECT.format(good="good")}"""

# -- activities_without_leverage and budget_at_risk_by_unit --------------------------------------------

_ACTS_WHOLE = f"""acts(id, unit_id, budget) AS (
  SELECT a.id, {_unit_of("a")}, a.budget FROM node a WHERE a.label = 'Activity' AND a.year = :year
),
risky(id, unit_id, budget) AS (
  SELECT a.id, a.unit_id, a.budget FROM acts a WHERE NOT EXISTS (SELECT 1 FROM reach r WHERE r.id = a.id)
)"""

_ACTS_SCOPED = f"""acts(id, unit_id, budget) AS (
  SELECT a.id, {_unit_of("a")}, a.budget FROM node a
  WHERE a.label = 'Activity' AND a.year = :year
    AND a.id IN (SELECT x.dst FROM assigned_to x JOIN scope s ON s.id = x.src WHERE x.src_label = 'Unit')
),
starts(id) AS (SELECT id FROM acts WHERE unit_id IN (SELECT id FROM scope)),
{_up("starts")},
risky(id, unit_id, budget) AS (
  SELECT a.id, a.unit_id, a.budget FROM acts a JOIN starts s ON s.id = a.id
  WHERE NOT EXISTS (SELECT 1 FROM good g WHERE g.id = a.id)
)"""

_ACTS_SELECT = """SELECT r.id, r.unit_id,
       CASE WHEN EXISTS (SELECT 1 FROM contributes_to c WHERE c.src = r.id) THEN 'dead_end' ELSE 'unlinked' END,
       r.budget
FROM risky r"""

ACTIVITIES_WHOLE = f"WITH RECURSIVE {_REACH},\n{_ACTS_WHOLE}\n{_ACTS_SELECT}"
ACTIVITIES_SCOPED = f"WITH RECURSIVE {_SCOPE},\n{_ACTS_SCOPED}\n{_ACTS_SELECT}"

_BUDGET_SELECT = """above(unit_id, id) AS (
  SELECT DISTINCT unit_id, unit_id FROM risky WHERE unit_id IS NOT NULL
  UNION
  SELECT a.unit_id, p.dst FROM above a JOIN part_of p ON p.src = a.id
),
opd(unit_id, opd_id) AS (
  SELECT a.unit_id, min(a.id) FROM above a JOIN node n ON n.id = a.id
  WHERE n.kind = 'perangkat_daerah' GROUP BY a.unit_id
)
SELECT r.unit_id, o.opd_id, count(*), sum(coalesce(r.budget, 0))
FROM risky r LEFT JOIN opd o ON o.unit_id = r.unit_id
GROUP BY r.unit_id, o.opd_id"""

BUDGET_WHOLE = f"WITH RECURSIVE {_REACH},\n{_ACTS_WHOLE},\n{_BUDGET_SELECT}"
BUDGET_SCOPED = f"WITH RECURSIVE {_SCOPE},\n{_ACTS_SCOPED},\n{_BUDGET_SELECT}"

# -- the findings without a traversal or with one set over the whole graph -------------------------------

_NO_INDICATOR = f"""g.label = 'Goal' AND g.level IN {CHECKED}
  AND NOT EXISTS (SELECT 1 FROM measured_by m WHERE m.src = g.id)
  AND NOT (g.level = 'sasaran_subkegiatan' AND EXISTS (
    SELECT 1 FROM contributes_to c JOIN node a ON a.id = c.src
    WHERE c.dst = g.id AND a.label = 'Activity' AND a.kind = 'subkegiatan'))"""

GOALS_NO_INDICATOR_WHOLE = f"SELECT g.id, g.level, {_unit_of('g')} FROM node g WHERE {_NO_INDICATOR}"
GOALS_NO_INDICATOR_SCOPED = f"""WITH RECURSIVE {_SCOPE}
SELECT g.id, g.level, {_unit_of("g", scoped=True)} FROM node g
WHERE g.id IN (SELECT x.dst FROM assigned_to x JOIN scope s ON s.id = x.src) AND {_NO_INDICATOR}"""

GOALS_UNASSIGNED = """SELECT g.id, g.level FROM node g
WHERE g.label = 'Goal'
  AND NOT EXISTS (SELECT 1 FROM assigned_to a WHERE a.dst = g.id AND a.src_label IN ('Unit', 'ASN'))
  AND NOT EXISTS (SELECT 1 FROM measured_by m JOIN assigned_to a ON a.dst = m.dst
                  WHERE m.src = g.id AND a.src_label IN ('Unit', 'ASN'))"""

OUTCOME_WITHOUT_ACTIVITY = f"""WITH RECURSIVE supported(id) AS (
  SELECT c.dst FROM contributes_to c JOIN node a ON a.id = c.src WHERE a.label = 'Activity' AND a.year = :year
  UNION
  SELECT c.dst FROM contributes_to c JOIN supported s ON c.src = s.id
)
SELECT g.id, g.level, {_unit_of("g")} FROM node g
WHERE g.label = 'Goal' AND g.level IN ('tujuan', 'sasaran')
  AND NOT EXISTS (SELECT 1 FROM supported s WHERE s.id = g.id)"""

UNITS_WITHOUT_OUTCOME = f"""WITH RECURSIVE {_REACH},
work(unit_id, elements, reaching) AS (
  SELECT a.src, count(DISTINCT a.dst), count(r.id)
  FROM assigned_to a JOIN node e ON e.id = a.dst LEFT JOIN reach r ON r.id = a.dst
  WHERE a.src_label = 'Unit' AND e.label IN ('Goal', 'Indicator', 'Activity')
  GROUP BY a.src
)
SELECT u.id, u.kind, w.elements FROM node u JOIN work w ON w.unit_id = u.id
WHERE u.label = 'Unit' AND u.kind IN ('perangkat_daerah', 'unit_kerja') AND w.reaching = 0"""

# An OPD is linked when one of its goals (assigned to it or to a unit below it) reaches, in one step or more,
# a goal assigned to its Pemda (every Pemda when it is under none): (opd, element) pairs upward per OPD.
OPD_TREES_UNLINKED = """WITH RECURSIVE
opds(id) AS (SELECT id FROM node WHERE label = 'Unit' AND kind = 'perangkat_daerah'),
below(opd, id) AS (
  SELECT id, id FROM opds
  UNION
  SELECT b.opd, p.src FROM below b JOIN part_of p ON p.dst = b.id
),
above(opd, id) AS (
  SELECT id, id FROM opds
  UNION
  SELECT a.opd, p.dst FROM above a JOIN part_of p ON p.src = a.id
),
pemda_of(opd, pemda) AS (
  SELECT a.opd, a.id FROM above a JOIN node n ON n.id = a.id WHERE n.kind = 'pemda'
),
pemdas(id) AS (SELECT id FROM node WHERE label = 'Unit' AND kind = 'pemda'),
target(opd, id) AS (
  SELECT p.opd, x.dst FROM pemda_of p JOIN assigned_to x ON x.src = p.pemda
  UNION
  SELECT o.id, x.dst FROM opds o JOIN assigned_to x ON x.src IN (SELECT id FROM pemdas)
  WHERE NOT EXISTS (SELECT 1 FROM pemda_of p WHERE p.opd = o.id)
),
goals(opd, id) AS (
  SELECT DISTINCT b.opd, x.dst FROM below b JOIN assigned_to x ON x.src = b.id JOIN node n ON n.id = x.dst
  WHERE x.src_label = 'Unit' AND n.label = 'Goal'
),
up(opd, id) AS (
  SELECT g.opd, c.dst FROM goals g JOIN contributes_to c ON c.src = g.id
  UNION
  SELECT u.opd, c.dst FROM up u JOIN contributes_to c ON c.src = u.id
)
SELECT o.id, (SELECT count(*) FROM goals g WHERE g.opd = o.id) FROM opds o
WHERE NOT EXISTS (SELECT 1 FROM up u JOIN target t ON t.opd = u.opd AND t.id = u.id
                  JOIN node n ON n.id = u.id WHERE u.opd = o.id AND n.label = 'Goal')"""

# name -> (whole graph, one unit or None)
PEER_SQL: dict[str, tuple[str, str | None]] = {
    "orphaned_staff": (ORPHANED_WHOLE, ORPHANED_SCOPED),
    "activities_without_leverage": (ACTIVITIES_WHOLE, ACTIVITIES_SCOPED),
    "budget_at_risk_by_unit": (BUDGET_WHOLE, BUDGET_SCOPED),
    "goals_without_indicator": (GOALS_NO_INDICATOR_WHOLE, GOALS_NO_INDICATOR_SCOPED),
    "goals_unassigned": (GOALS_UNASSIGNED, None),
    "outcome_goals_without_activity": (OUTCOME_WITHOUT_ACTIVITY, None),
    "units_without_outcome": (UNITS_WITHOUT_OUTCOME, None),
    "opd_trees_unlinked": (OPD_TREES_UNLINKED, None),
}
