"""Write a built dataset in ONE transaction with batched UNWIND statements: all of it or nothing.

Each import is the whole truth about its dataset (one Pemda's files): nodes and edges that the previous
import of the same dataset had and this one has not are removed in the same transaction. Nodes and
edges are MERGEd on their keys and their properties replaced, so importing the same files again leaves
the same graph, node for node and edge for edge. The implied indicator→goal CONTRIBUTES_TO edges
(graph/model.py) are derived from MEASURED_BY at the end of the same transaction; the stale-edge removal
leaves them to that derivation.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from neo4j import ManagedTransaction

from graph import model
from graph.db import Runner
from graph.importer.build import Dataset

BATCH_SIZE = 2000


@dataclass
class WriteSummary:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    batches: int = 0

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


def existing_labels(runner: Runner, ids: set[str], dataset: str) -> dict[str, str]:
    """Which of `ids` exist in the database as nodes of OTHER datasets, and with which label."""
    found: dict[str, str] = {}
    for node in (model.UNIT, model.GOAL, model.INDICATOR, model.ACTIVITY, model.ASN):
        key = node.key[0]
        rows = runner.read(
            f"MATCH (n:{node.label}) WHERE n.{key} IN $ids AND coalesce(n.dataset, '') <> $dataset "
            f"RETURN n.{key} AS key",
            {"ids": sorted(ids), "dataset": dataset},
        )
        found.update({row["key"]: node.label for row in rows})
    return found


def plan(dataset: Dataset, batch_size: int = BATCH_SIZE) -> list[_Statement]:
    """Every statement of the import, in order; pure, so it can be counted for a progress bar and tested."""
    statements: list[_Statement] = []
    for node in model.NODE_TYPES:
        items = dataset.nodes.get(node.label, {})
        match = ", ".join(f"{prop}: row.{prop}" for prop in node.key)
        rows = [{**props, "dataset": dataset.name} for props in items.values()]
        for batch in _batches(rows, batch_size):
            statements.append(_Statement(
                f"UNWIND $rows AS row MERGE (n:{node.label} {{{match}}}) SET n = row", {"rows": batch}))
        key = " + '|' + ".join(f"toString(n.{prop})" for prop in node.key)
        statements.append(_Statement(
            f"MATCH (n:{node.label} {{dataset: $dataset}}) WHERE NOT {key} IN $keys DETACH DELETE n",
            {"dataset": dataset.name, "keys": ["|".join(str(part) for part in _as_tuple(k)) for k in items]},
        ))

    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (rel_type, start, end), props in dataset.edges.items():
        start_label, end_label = dataset.edge_labels[(rel_type, start, end)]
        grouped[(rel_type, start_label, end_label)].append(
            {"start": start, "end": end, "props": {**props, "dataset": dataset.name}})
    for (rel_type, start_label, end_label), rows in sorted(grouped.items()):
        start_key = model.NODE_TYPES_BY_LABEL[start_label].key[0]
        end_key = model.NODE_TYPES_BY_LABEL[end_label].key[0]
        for batch in _batches(rows, batch_size):
            statements.append(_Statement(
                f"UNWIND $rows AS row MATCH (a:{start_label} {{{start_key}: row.start}}) "
                f"MATCH (b:{end_label} {{{end_key}: row.end}}) "
                f"MERGE (a)-[r:{rel_type}]->(b) SET r = row.props", {"rows": batch}))
    for rel_type in model.REL_TYPE_NAMES:
        keys = [f"{start}|{end}" for (kind, start, end) in dataset.edges if kind == rel_type]
        statements.append(_Statement(
            f"MATCH (a)-[r:{rel_type} {{dataset: $dataset}}]->(b) "
            f"WHERE r.{model.IMPLIED_PROPERTY} IS NULL "
            f"AND NOT {model.key_expression('a')} + '|' + {model.key_expression('b')} IN $keys DELETE r",
            {"dataset": dataset.name, "keys": keys},
        ))
    # the implied indicator→goal edges follow this dataset's MEASURED_BY (graph/model.py)
    statements += [_Statement(cypher, {"dataset": dataset.name})
                   for cypher in model.derive_implied_edges_statements()]
    return statements


def write(runner: Runner, dataset: Dataset, *, batch_size: int = BATCH_SIZE,
          on_statement: Callable[[int], None] | None = None, timeout: float | None = 600.0) -> WriteSummary:
    """Run the plan as one transaction; any failure (ours or Neo4j's) rolls everything back."""
    statements = plan(dataset, batch_size)

    def work(tx: ManagedTransaction) -> WriteSummary:
        summary = WriteSummary()
        for number, statement in enumerate(statements, start=1):
            result = tx.run(statement.cypher, statement.params)
            summary.add(result.consume().counters)
            summary.batches = number
            if on_statement is not None:
                on_statement(number)
        return summary

    return runner.write_transaction(work, timeout=timeout)


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _as_tuple(key: Any) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) else (key,)
