"""Plans that must not grow with the whole database: a lookup of one element's figures seeks an index.

Found on the national slice (BENCHMARKS.md, "element_detail and the index on IndicatorYear.indicator_id"):
element_detail took 0.6 s for one goal because its indicators' yearly figures were found by scanning every
IndicatorYear (the composite key's index serves only a lookup by indicator_id AND year). These plans are
checked on the sample kabupaten, which has figures.
"""
from __future__ import annotations

import pytest

from graph.catalog import load_catalog
from service import elements

CATALOG = load_catalog()
# Every query that reads an indicator's IndicatorYear nodes by its id: the catalog's and the service's own.
BY_INDICATOR = {query.name: query.cypher for query in CATALOG if "IndicatorYear {indicator_id" in query.cypher}
BY_INDICATOR |= {name: text for name, text in vars(elements).items()
                 if name.isupper() and isinstance(text, str) and "IndicatorYear {indicator_id" in text}



def _scans(plan, found: list[str]) -> list[str]:
    operator = plan["operatorType"].split("@")[0]
    details = plan.get("args", {}).get("Details", "")
    if operator in ("NodeByLabelScan", "AllNodesScan", "NodeIndexScan") and \
            (operator == "AllNodesScan" or ":IndicatorYear" in details):
        found.append(f"{operator} {details}")
    for child in plan.get("children", []):
        _scans(child, found)
    return found


def test_the_queries_that_read_figures_by_indicator_are_all_checked():
    assert {"element_detail", "achievement", "indicators_incomplete", "GOAL_DETAIL", "OWN_ACHIEVEMENT"} <= \
        set(BY_INDICATOR)


@pytest.mark.parametrize("name", sorted(BY_INDICATOR))
def test_an_indicators_figures_are_found_by_index_seek_never_by_scanning_every_year(sample, name):
    params = {"id": "x", "goal": "x", "year": 2026, "unit": None, "nip": None}
    plan = sample.explain(BY_INDICATOR[name], params).plan
    assert _scans(plan, []) == [], name
