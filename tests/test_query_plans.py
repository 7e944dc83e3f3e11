"""Plans that must not grow with the whole database: a lookup of one element's figures seeks an index.

Found on the national slice (BENCHMARKS.md, "element_detail and the index on IndicatorYear.indicator_id"):
element_detail took 0.6 s for one goal because its indicators' yearly figures were found by scanning every
IndicatorYear (the composite key's index serves only a lookup by indicator_id AND year). These plans are
checked on the sample kabupaten, which has figures.
"""

from __future__ import annotations

import re

import pytest

from graph.catalog import load_catalog
from graph.model import OUTCOME_LEVELS, with_dataset_indexes
from service import elements

CATALOG = load_catalog()
# Every query that reads an indicator's IndicatorYear nodes by its id: the catalog's and the service's own.
BY_INDICATOR = {query.name: query.cypher for query in CATALOG if "IndicatorYear {indicator_id" in query.cypher}
BY_INDICATOR |= {
    name: text
    for name, text in vars(elements).items()
    if name.isupper() and isinstance(text, str) and "IndicatorYear {indicator_id" in text
}


def _scans(plan, found: list[str]) -> list[str]:
    operator = plan["operatorType"].split("@")[0]
    details = plan.get("args", {}).get("Details", "")
    if operator in ("NodeByLabelScan", "AllNodesScan", "NodeIndexScan") and (
        operator == "AllNodesScan" or ":IndicatorYear" in details
    ):
        found.append(f"{operator} {details}")
    for child in plan.get("children", []):
        _scans(child, found)
    return found


def test_the_queries_that_read_figures_by_indicator_are_all_checked():
    assert {"element_detail", "achievement", "indicators_incomplete", "GOAL_DETAIL"} <= set(BY_INDICATOR)


@pytest.mark.parametrize("name", sorted(BY_INDICATOR))
def test_an_indicators_figures_are_found_by_index_seek_never_by_scanning_every_year(sample, name):
    params = {"id": "x", "goal": "x", "year": 2026, "unit": None, "nip": None}
    plan = sample.explain(BY_INDICATOR[name], params).plan
    assert _scans(plan, []) == [], name


# The outcome levels are a parameter from graph/model.py ($outcome_levels) where the queries once wrote the list out.
OUTCOME_LEVEL_QUERIES = sorted(query.name for query in CATALOG if "outcome_levels" in query.constants)
SAMPLE_ARGS = {"year": 2026, "id": "x", "nip": "x", "goal": "x", "unit": "x", "from_unit": "x", "to_unit": "x"}
_SCAN_OR_SEEK = re.compile(r"Seek|Scan")


def _read_kind(operator: str) -> str:
    """What an operator reads, not how: an index seek and an index scan differ by the planner's estimate of
    how many values the list holds, which follows the database's statistics, not the query text."""
    if "Index" in operator:
        return "index"
    if operator == "NodeByLabelScan":
        return "label"
    return operator


def _reads(plan) -> list[str]:
    """How the plan finds its starting nodes: what every seek and scan operator reads, sorted."""
    return sorted(_read_kind(op.name) for op in plan if _SCAN_OR_SEEK.search(op.name))


@pytest.mark.parametrize("name", OUTCOME_LEVEL_QUERIES)
def test_outcome_levels_as_a_parameter_read_as_the_written_list_did(sample, name):
    """The planner reads the same indexes and labels with `$outcome_levels` as with the list written in the text."""
    query = CATALOG[name]
    params = {param.name: None if param.optional else SAMPLE_ARGS[param.name] for param in query.params}
    written = query.cypher.replace("$outcome_levels", "[" + ", ".join(f"'{level}'" for level in OUTCOME_LEVELS) + "]")
    with_parameter = sample.explain(query.cypher, {**params, **query.constant_values()}).operators
    with_list = sample.explain(written, params).operators
    assert _reads(with_parameter) == _reads(with_list), name


# The version scope (docs/versions.md) is written the same way on every entry point, so it can be taken out again.
SCOPE_FILTER = re.compile(r"\(\$datasets IS NULL OR \w+\.dataset IN \$datasets\)")
SCOPE_ARGS = {**SAMPLE_ARGS, "q": "x"}


# A query that starts from every node of a label (or every relationship of a type) reads them only when no version is
# named, and each named version's through its `dataset` index (docs/versions.md), so its cost does not grow with
# the versions the graph holds.
SCOPE_SEEK = ("UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything", "UNWIND $datasets AS dataset")
SEEKING = sorted(query.name for query in CATALOG if all(part in query.cypher for part in SCOPE_SEEK))
SCANS = ("NodeByLabelScan", "AllNodesScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan")


def _params(query) -> dict:
    params = {param.name: None if param.optional else SCOPE_ARGS[param.name] for param in query.params}
    return params | query.constant_values()


# reads no node of the data, only the answers the importer keeps for a scope, which it compares with $datasets
KEPT_ONLY = ("people_kept",)


@pytest.mark.parametrize("name", sorted(query.name for query in CATALOG if query.name not in KEPT_ONLY))
def test_the_version_scope_keeps_every_seek_and_adds_no_scan(sample, name):
    """With `$datasets` null (one version per Pemda) the planner reads exactly what it reads without the filter;
    with a list, every index it read before it still reads: a lookup by id or NIP still seeks."""
    query = CATALOG[name]
    params = _params(query)
    unscoped = SCOPE_FILTER.sub("true", query.cypher)
    assert unscoped != query.cypher or name in SEEKING, f"{name}: no entry point reads the version scope"
    without = _reads(sample.explain(unscoped, params).operators)
    assert _reads(sample.explain(query.cypher, params).operators) == without, name
    listed = _reads(sample.explain(query.cypher, {**params, "datasets": ["x"]}).operators)
    assert listed.count("index") >= without.count("index") and listed.count("label") <= without.count("label"), name


def test_the_queries_that_start_from_a_whole_label_seek_by_version_are_known():
    assert {"units_without_outcome", "cascade_skipped_levels", "cascade_level_violations", "goals_unassigned"} <= set(
        SEEKING
    )


def _scanned_rows(plan: dict, found: list[str]) -> list[str]:
    """Every label or relationship-type scan of a PROFILE plan that produced rows."""
    if plan["operatorType"].split("@")[0] in SCANS and plan.get("rows"):
        found.append(f"{plan['operatorType']} {plan.get('args', {}).get('Details', '')}: {plan['rows']} rows")
    for child in plan.get("children", []):
        _scanned_rows(child, found)
    return found


def _profile(runner, cypher: str, params: dict) -> dict:
    with runner.driver.session(database=runner.database) as session:
        result = session.run("PROFILE " + cypher, params)
        list(result)
        return result.consume().profile


@pytest.mark.parametrize("name", SEEKING)
def test_a_named_version_is_read_through_its_index_with_no_scan(sample, name):
    """Run with a version named, the label and relationship-type scans of such a query produce no row: the
    version's elements come from the `dataset` index (the scans run only for `$datasets` null). The former form,
    `MATCH (g:Goal) WHERE ($datasets IS NULL OR g.dataset IN $datasets)`, scans every version's goals."""
    query = CATALOG[name]
    dataset = sample.read("MATCH (u:Unit) RETURN u.dataset AS dataset LIMIT 1")[0]["dataset"]
    params = {**_params(query), "year": 2026}
    assert _scanned_rows(_profile(sample, query.cypher, {**params, "datasets": [dataset]}), []) == [], name


# the properties a query reads one version's nodes of by a composite index with `dataset` (graph/model.py)
WITH_DATASET = set(with_dataset_indexes())
_ONE_PROPERTY_SEEK = re.compile(r":(\w+)\((\w+)\)")


def _alone_seeked_rows(plan: dict, found: list[str]) -> list[str]:
    """Every index seek of a PROFILE plan on one of WITH_DATASET's properties alone that produced rows."""
    details = plan.get("args", {}).get("Details", "")
    if "IndexSeek" in plan["operatorType"] and plan.get("rows"):
        found += [details for match in _ONE_PROPERTY_SEEK.finditer(details) if match.groups() in WITH_DATASET]
    for child in plan.get("children", []):
        _alone_seeked_rows(child, found)
    return found


def test_the_composite_indexes_with_dataset_are_declared_and_created(sample):
    online = {row["name"] for row in sample.read("SHOW INDEXES YIELD name RETURN name")}
    assert {"pokin_goal_level_dataset", "pokin_activity_reaches_outcome_dataset"} <= online


@pytest.mark.parametrize("name", SEEKING)
def test_a_named_versions_nodes_of_one_level_come_from_the_index_with_dataset(sample, name):
    """Run with a version named, no index seek on a level (or on reaches_outcome) alone produces a row: that seek
    would find every version's nodes of the level, and the version's be filtered out of them (4x slower with five
    versions of a province, BENCHMARKS.md "Five versions against one")."""
    query = CATALOG[name]
    dataset = sample.read("MATCH (u:Unit) RETURN u.dataset AS dataset LIMIT 1")[0]["dataset"]
    params = {**_params(query), "year": 2026, "datasets": [dataset]}
    assert _alone_seeked_rows(_profile(sample, query.cypher, params), []) == [], name
