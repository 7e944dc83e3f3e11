"""Remove one version of a Pemda's tree (`pokin remove`), and bring a graph from before versions under the model.

A removal is an import of nothing: it takes the import lock first (so it waits for a running import and no import
starts while it runs), deletes every node of the version with its edges in ONE transaction, and keeps what the
importer keeps: "reaches an outcome" for whatever pointed into the version (another Pemda's contributions to it),
the activities reaching whatever the version pointed into, the data version the service's caches key on, and the
facts' mark. The version's record and its import log go with it. A dry run answers the same counts and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from graph import model, versions
from graph.db import Runner
from graph.importer import people_kept, reach, support

BATCH = 10000
_LABELS = [node.label for node in model.NODE_TYPES]

# per label, so that each reads the label's `dataset` index (a version is a small part of a national graph)
_COUNT = (
    "MATCH (n:{label} {{dataset: $dataset}}) "
    "CALL (n) {{ MATCH (n)<-[r]-(m) WHERE coalesce(m.dataset, '') <> $dataset "
    "RETURN collect([m.dataset, type(r)]) AS inbound }} "
    "RETURN count(n) AS nodes, reduce(all = [], pairs IN collect(inbound) | all + pairs) AS inbound"
)
# the nodes outside the version whose contributions end in it: they may reach no outcome once it is gone; and those
# the version's contributions end in: fewer activities may reach them
_SEEDS = (
    "MATCH (n:{label} {{dataset: $dataset}})<-[:CONTRIBUTES_TO]-(m) WHERE coalesce(m.dataset, '') <> $dataset "
    "RETURN collect(DISTINCT elementId(m)) AS seeds"
)
_UPWARD = (
    "MATCH (n:{label} {{dataset: $dataset}})-[:CONTRIBUTES_TO]->(m) WHERE coalesce(m.dataset, '') <> $dataset "
    "RETURN collect(DISTINCT elementId(m)) AS seeds"
)
_DELETE = "MATCH (n:{label} {{dataset: $dataset}}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"
_METADATA = (
    f"OPTIONAL MATCH (v:{model.VERSION_LABEL} {{dataset: $dataset}}) DETACH DELETE v "
    f"WITH count(*) AS _ OPTIONAL MATCH (log:{model.IMPORT_LOG_LABEL} {{dataset: $dataset}}) DETACH DELETE log"
)


class UnknownVersion(LookupError):
    """The graph holds no version of that key."""


@dataclass
class Removal:
    """What a removal deletes (or, dry, would delete)."""

    dataset: str
    nodes: dict[str, int] = field(default_factory=dict)
    # edges of other versions (another Pemda's references) that end in this one, by (their dataset, type)
    inbound: dict[str, int] = field(default_factory=dict)
    dry_run: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "nodes": self.nodes, "inbound": self.inbound, "dry_run": self.dry_run}


def remove(runner: Runner, dataset: str, *, dry_run: bool = False, timeout: float = 600.0) -> Removal:
    """Delete version `dataset` whole (nothing of another version), or with `dry_run` only count it; raises
    UnknownVersion when the graph holds none of it."""

    def work(tx: ManagedTransaction) -> Removal:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()  # after any running import, before any next one
        removal = _counted(tx, dataset, dry_run)
        if not removal.nodes and not _recorded(tx, dataset):
            raise UnknownVersion(dataset)
        if dry_run:
            return removal
        current = reach.is_current(tx), support.is_current(tx)
        seeds: set[str] = set()
        upward: set[str] = set()
        for label in model.REACH_LABELS:
            seeds.update(tx.run(_SEEDS.format(label=label), {"dataset": dataset}).single(strict=True)["seeds"])
            upward.update(tx.run(_UPWARD.format(label=label), {"dataset": dataset}).single(strict=True)["seeds"])
        for label in _LABELS:
            while tx.run(_DELETE.format(label=label), {"dataset": dataset, "batch": BATCH}).single(strict=True)[0]:
                pass
        tx.run(_METADATA, {"dataset": dataset}).consume()
        reach.maintain(tx, seeds if current[0] else None)
        support.maintain(tx, upward if current[1] else None)
        tx.run(model.DATA_VERSION_STATEMENT).consume()
        reach.mark(tx)
        return removal

    removal = runner.write_transaction(work, timeout=timeout)
    if not dry_run:
        people_kept.ensure(runner)  # the single points of failure, for the graph without the version
    return removal


def _counted(tx: ManagedTransaction, dataset: str, dry_run: bool) -> Removal:
    removal = Removal(dataset, dry_run=dry_run)
    for label in _LABELS:
        row = tx.run(_COUNT.format(label=label), {"dataset": dataset}).single(strict=True)
        if row["nodes"]:
            removal.nodes[label] = row["nodes"]
        for other, rel_type in row["inbound"]:
            key = f"{other or '-'} {rel_type}"
            removal.inbound[key] = removal.inbound.get(key, 0) + 1
    return removal


def _recorded(tx: ManagedTransaction, dataset: str) -> bool:
    query = f"RETURN EXISTS {{ MATCH (:{model.VERSION_LABEL} {{dataset: $dataset}}) }} AS found"
    return bool(tx.run(query, {"dataset": dataset}).single(strict=True)["found"])


def migrate(runner: Runner) -> list[str]:
    """Bring a graph written before versions under the model (`pokin migrate`): the schema (its key-only uniqueness
    constraints give way to (key, dataset)), and a record for every dataset that has none, as the unnamed version of
    its Pemda. Idempotent; returns the datasets recorded now."""
    model.apply_schema(runner)

    def work(tx: ManagedTransaction) -> list[str]:
        tx.run(model.IMPORT_LOCK_STATEMENT).consume()
        current = reach.is_current(tx)  # before the records change the counts its mark keeps
        found = [row["dataset"] for row in tx.run(versions.UNRECORDED_QUERY)]
        for dataset in found:
            version = versions.Version(dataset, versions.pemda_of(dataset), versions.version_name(dataset))
            tx.run(versions.RECORD_STATEMENT, versions.record_params(version)).consume()
        if found and current:
            reach.mark(tx)
        return found

    return runner.write_transaction(work)
