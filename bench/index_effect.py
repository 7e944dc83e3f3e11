"""What one index buys a catalog query, measured side by side on the database NEO4J_URI points at.

    .venv/bin/python -m bench.index_effect --index IndicatorYear.indicator_id --query element_detail \
        --params '{"id": "G-K3201-O08-SP03", "year": 2026}' --rounds 2

Each round times the query with the index, drops it, times it again, then puts the schema back
(`apply_schema`), clearing the query caches at each switch so the plans are made anew. Without the index the
query runs without its `USING INDEX` hints on that label and property (a hint naming a missing index fails),
as it was written before the index existed. The database is left as it was found. Prints JSON: the median
milliseconds of each turn and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time

from graph.catalog import load_catalog
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.model import apply_schema

INDEX_NAMED = """
SHOW INDEXES YIELD name, labelsOrTypes, properties
WHERE labelsOrTypes = [$label] AND properties = [$property]
RETURN name
"""


def without_hints(cypher: str, label: str, property: str) -> str:  # noqa: A002 - the Neo4j word: Label.property
    """The query text without its index hints on `label(property)`, the property alone."""
    hint = re.compile(rf"^\s*USING INDEX (SEEK )?\w+:{re.escape(label)}\({re.escape(property)}\)\s*$")
    return "\n".join(line for line in cypher.splitlines() if not hint.match(line))


def median_ms(runner: Runner, cypher: str, params: dict, runs: int, warm_up: int = 3) -> float:
    times = []
    for _ in range(warm_up + runs):
        started = time.perf_counter()
        runner.read(cypher, params, packed=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[warm_up:])


def compare(
    runner: Runner,
    label: str,
    property: str,  # noqa: A002 - the Neo4j word
    query: str,
    params: dict,
    rounds: int = 2,
    runs: int = 12,
) -> dict:
    found = runner.read(INDEX_NAMED, {"label": label, "property": property})
    if not found:
        raise SystemExit(f"no index on {label}.{property} in this database (is the schema applied?)")
    named = load_catalog()[query]
    bound = named.bind(params)
    unhinted = without_hints(named.cypher, label, property)
    turns: dict[str, list[float]] = {"with_index_ms": [], "without_index_ms": []}
    try:
        for _ in range(rounds):
            turns["with_index_ms"].append(median_ms(runner, named.cypher, bound, runs))
            # an index name cannot be a parameter; it comes from SHOW INDEXES, and is quoted
            runner.write(f"DROP INDEX `{found[0]['name'].replace('`', '``')}`")
            runner.write("CALL db.clearQueryCaches()")
            turns["without_index_ms"].append(median_ms(runner, unhinted, bound, runs))
            apply_schema(runner)
            runner.write("CALL db.clearQueryCaches()")
    finally:
        apply_schema(runner)
    ratio = statistics.median(turns["without_index_ms"]) / statistics.median(turns["with_index_ms"])
    return {
        "index": f"{label}.{property}",
        "query": query,
        "params": params,
        **turns,
        "ratio": ratio,
        "hints_dropped_without": len(named.cypher.splitlines()) - len(unhinted.splitlines()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, help="Label.property of a single-property index")
    parser.add_argument("--query", required=True, help="a catalog query's name")
    parser.add_argument("--params", default="{}", help="its parameters as JSON")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    label, _, property = args.index.partition(".")  # noqa: A001 - the Neo4j word
    if not label or not property:
        parser.error(f"--index: '{args.index}' is not Label.property")
    if args.query not in load_catalog():
        parser.error(f"--query: no catalog query named '{args.query}' (see `pokin queries`)")
    try:
        params = json.loads(args.params)
    except json.JSONDecodeError as error:
        parser.error(f"--params: not JSON ({error})")
    runner = Runner.from_settings(Neo4jSettings.from_env())
    try:
        print(json.dumps(compare(runner, label, property, args.query, params, args.rounds)))
    finally:
        runner.close()


if __name__ == "__main__":
    main()
