"""Turn validated rows into the graph to write, checking everything that spans rows and files.

Nothing here touches the database except through `lookup`, which tells which ids that the files refer
to (but do not define) already exist there, e.g. a province's goal that a kabupaten contributes to.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pydantic import ValidationError

from graph import model
from graph.importer.errors import ImportProblem
from graph.importer.rows import ROW_MODELS, Row, cell_problems, required_columns
from graph.importer.sources import Table

Lookup = Callable[[set[str], str], dict[str, str]]  # (ids, dataset) -> {id: label} in other datasets
EdgeKey = tuple[str, str, str]  # (type, from key, to key)


@dataclass
class Dataset:
    """What one import writes: nodes per label (key -> properties) and edges per type."""

    name: str
    nodes: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    edges: dict[EdgeKey, dict[str, Any]] = field(default_factory=dict)
    edge_labels: dict[EdgeKey, tuple[str, str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counts = {label: len(items) for label, items in self.nodes.items()}
        for rel_type, _, _ in self.edges:
            counts[rel_type] = counts.get(rel_type, 0) + 1
        return counts


@dataclass
class _Origin:
    file: str
    row: int
    column: str


class Builder:
    """Collects every problem in one pass; `build()` returns the dataset only when there is none."""

    def __init__(self, tables: dict[str, Table], lookup: Lookup, dataset_name: str | None = None):
        self.tables = tables
        self.lookup = lookup
        self.requested_name = dataset_name
        self.problems: list[ImportProblem] = []
        self.labels: dict[str, str] = {}          # id -> label, for every id defined in the files
        self.defined_at: dict[str, str] = {}      # id -> "file:row", to point at the first definition
        self.pending: list[tuple[str, str, tuple[str, ...], _Origin, dict[str, Any]]] = []
        self.dataset = Dataset(name="")

    def build(self) -> Dataset | None:
        rows = {name: list(self._typed_rows(name)) for name in ROW_MODELS if name in self.tables}
        for row, origin in rows.get("units", []):
            self._define(row.id, model.UNIT.label, origin)
        for row, origin in rows.get("goals", []):
            self._define(row.id, model.GOAL.label, origin)
        self._define_indicators(rows.get("indicators", []))
        for row, origin in rows.get("activities", []):
            self._define(row.id, model.ACTIVITY.label, origin)
        for row, origin in rows.get("staff", []):
            self._define(row.nip, model.ASN.label, origin)

        self._units(rows.get("units", []))
        self._goals(rows.get("goals", []))
        self._activities(rows.get("activities", []))
        self._staff(rows.get("staff", []))
        self._links(rows.get("links", []))
        self.dataset.name = self._dataset_name(rows.get("units", []))
        self._resolve_pending()
        return None if self.problems else self.dataset

    # -- rows ------------------------------------------------------------------------------------------

    def _typed_rows(self, table_name: str) -> Iterable[tuple[Row, str]]:
        table = self.tables[table_name]
        row_model = ROW_MODELS[table_name]
        missing = [column for column in required_columns(row_model) if column not in table.columns]
        if missing:
            self._problem(table.name, 1, None, f"missing column(s): {', '.join(missing)} "
                                               f"(found: {', '.join(table.columns) or 'none'})")
            return
        for number, cells in table.rows:
            try:
                yield row_model.model_validate(cells), f"{table.name}:{number}"
            except ValidationError as exc:
                for column, message in cell_problems(exc):
                    self._problem(table.name, number, column, message)

    def _define(self, key: str, label: str, origin: str) -> None:
        if key in self.labels:
            file, row = _split_origin(origin)
            column = "nip" if label == model.ASN.label else "id"
            self._problem(file, row, column, f"'{key}' is already used at {self.defined_at[key]}; "
                                             f"ids must be unique across the whole dataset")
            return
        self.labels[key] = label
        self.defined_at[key] = origin

    def _define_indicators(self, rows: list[tuple[Row, str]]) -> None:
        first: dict[str, Row] = {}
        years: set[tuple[str, int]] = set()
        for row, origin in rows:
            file, number = _split_origin(origin)
            if row.id not in first:
                first[row.id] = row
                self._define(row.id, model.INDICATOR.label, origin)
            elif self.labels.get(row.id) == model.INDICATOR.label:
                for column in ("goal_id", "name", "satuan", "polarity"):
                    if getattr(row, column) != getattr(first[row.id], column):
                        self._problem(file, number, column,
                                      f"differs from the indicator's earlier row ({self.defined_at[row.id]}): "
                                      f"'{getattr(row, column)}' vs '{getattr(first[row.id], column)}'")
            if (row.id, row.year) in years:
                self._problem(file, number, "year", f"indicator '{row.id}' already has a row for {row.year}")
                continue
            years.add((row.id, row.year))
            figures = row.model_dump(exclude={"id", "goal_id", "name", "satuan", "polarity"})
            self.dataset.nodes[model.INDICATOR_YEAR.label][(row.id, row.year)] = {"indicator_id": row.id, **figures}
        for indicator_id, row in first.items():
            if self.defined_at.get(indicator_id, "").startswith(self.tables["indicators"].name + ":"):
                origin = self.defined_at[indicator_id]
                self.dataset.nodes[model.INDICATOR.label][indicator_id] = {
                    "id": indicator_id, "name": row.name, "satuan": row.satuan, "polarity": row.polarity}
                self._refer(model.MEASURED_BY.name, indicator_id, row.goal_id, (model.GOAL.label,),
                            origin, "goal_id", reverse=True)

    def _units(self, rows: list[tuple[Row, str]]) -> None:
        for row, origin in rows:
            self.dataset.nodes[model.UNIT.label][row.id] = {"id": row.id, "name": row.name, "kind": row.kind}
            if row.parent_id:
                self._refer(model.UNIT_PART_OF.name, row.id, row.parent_id, (model.UNIT.label,), origin,
                            "parent_id", forbid_self=True)

    def _goals(self, rows: list[tuple[Row, str]]) -> None:
        for row, origin in rows:
            self.dataset.nodes[model.GOAL.label][row.id] = {"id": row.id, "level": row.level,
                                                            "statement": row.statement}
            if row.unit_id:
                self._refer(model.ASSIGNED_TO.name, row.id, row.unit_id, (model.UNIT.label,), origin, "unit_id",
                            reverse=True)
            for target in row.contributes_to:
                self._refer(model.CONTRIBUTES_TO.name, row.id, target, model.CONTRIBUTES_TO.ends, origin,
                            "contributes_to", forbid_self=True, props={"weight": 1.0})

    def _activities(self, rows: list[tuple[Row, str]]) -> None:
        kinds = {row.id: row.kind for row, _ in rows}
        for row, origin in rows:
            self.dataset.nodes[model.ACTIVITY.label][row.id] = {
                "id": row.id, "kind": row.kind, "code": row.code, "name": row.name, "year": row.year,
                "budget": row.budget}
            if row.unit_id:
                self._refer(model.ASSIGNED_TO.name, row.id, row.unit_id, (model.UNIT.label,), origin, "unit_id",
                            reverse=True)
            if row.parent_id:
                expected = model.ACTIVITY_KINDS[max(model.ACTIVITY_KINDS.index(row.kind) - 1, 0)]
                parent_kind = kinds.get(row.parent_id)
                if row.kind == "program" or (parent_kind is not None and parent_kind != expected):
                    file, number = _split_origin(origin)
                    self._problem(file, number, "parent_id",
                                  f"a {row.kind} cannot be part of a {parent_kind or 'anything'}; "
                                  f"its parent must be a {expected}" if row.kind != "program"
                                  else "a program is the top of the nomenclature and has no parent")
                else:
                    self._refer(model.ACTIVITY_PART_OF.name, row.id, row.parent_id, (model.ACTIVITY.label,),
                                origin, "parent_id", forbid_self=True)
            for target in row.contributes_to:
                self._refer(model.CONTRIBUTES_TO.name, row.id, target, model.CONTRIBUTES_TO.ends, origin,
                            "contributes_to", forbid_self=True, props={"weight": 1.0})

    def _staff(self, rows: list[tuple[Row, str]]) -> None:
        for row, origin in rows:
            self.dataset.nodes[model.ASN.label][row.nip] = {"nip": row.nip, "name": row.name,
                                                            "position": row.position}
            if row.unit_id:
                self._refer(model.MEMBER_OF.name, row.nip, row.unit_id, (model.UNIT.label,), origin, "unit_id")
            if row.supervisor_nip:
                self._refer(model.REPORTS_TO.name, row.nip, row.supervisor_nip, (model.ASN.label,), origin,
                            "supervisor_nip", forbid_self=True)
            for target in row.assigned_to:
                self._refer(model.ASSIGNED_TO.name, row.nip, target, model.ASSIGNED_TO.ends, origin,
                            "assigned_to")

    def _links(self, rows: list[tuple[Row, str]]) -> None:
        seen: dict[tuple[str, str, str], str] = {}
        for row, origin in rows:
            key = (row.type, row.from_id, row.to_id)
            if key in seen:
                file, number = _split_origin(origin)
                self._problem(file, number, "to_id", f"the same {row.type} link is already at {seen[key]}")
                continue
            seen[key] = origin
            rel = model.CONTRIBUTES_TO if row.type == model.CONTRIBUTES_TO.name else model.ASSIGNED_TO
            props = {"weight": row.weight} if rel is model.CONTRIBUTES_TO else {}
            self._refer(rel.name, row.from_id, row.to_id, rel.ends, origin, "to_id", forbid_self=True,
                        props=props, from_labels=rel.starts)

    # -- references ------------------------------------------------------------------------------------

    def _refer(self, rel_type: str, source: str, target: str, allowed: tuple[str, ...], origin: str,
               column: str, *, reverse: bool = False, forbid_self: bool = False,
               props: dict[str, Any] | None = None, from_labels: tuple[str, ...] | None = None) -> None:
        """Record an edge source -> target (or target -> source when `reverse`), once its ends are known."""
        file, number = _split_origin(origin)
        if forbid_self and source == target:
            self._problem(file, number, column, f"'{target}' refers to itself")
            return
        where = _Origin(file, number, column)
        self.pending.append((rel_type, source, (target,), where,
                             {"allowed": allowed, "reverse": reverse, "props": props or {},
                              "from_labels": from_labels}))

    def _resolve_pending(self) -> None:
        unknown = {key for _, source, (target,), _, options in self.pending
                   for key in ((target, source) if options["from_labels"] else (target,))
                   if key not in self.labels}
        found = self.lookup(unknown, self.dataset.name) if unknown else {}
        labels = {**found, **self.labels}
        given: dict[EdgeKey, _Origin] = {}  # where each edge was first given: a second mention is an error
        for rel_type, source, (target,), where, options in self.pending:
            if options["from_labels"]:
                source_label = labels.get(source)
                if source_label is None:
                    self._problem(where.file, where.row, "from_id", f"'{source}' does not exist in this import "
                                                                    f"or in the database")
                    continue
                if source_label not in options["from_labels"]:
                    self._problem(where.file, where.row, "from_id",
                                  f"a {rel_type} link cannot start at '{source}' ({source_label})")
                    continue
            target_label = labels.get(target)
            if target_label is None:
                self._problem(where.file, where.row, where.column,
                              f"'{target}' does not exist in this import or in the database")
                continue
            if target_label not in options["allowed"]:
                self._problem(where.file, where.row, where.column,
                              f"'{target}' is a {target_label}; expected {' or '.join(options['allowed'])}")
                continue
            start, end = (target, source) if options["reverse"] else (source, target)
            key = (rel_type, start, end)
            first = given.get(key)
            if first is not None and first is not where:
                self._problem(where.file, where.row, where.column,
                              f"the same {rel_type} link {start} -> {end} is already given at {first.file}:{first.row}")
                continue
            given[key] = where
            self.dataset.edges[key] = {**self.dataset.edges.get(key, {}), **options["props"]}
            self.dataset.edge_labels[key] = (labels[start], labels[end])
        for (rel_type, start, end), where in given.items():
            if rel_type == model.CONTRIBUTES_TO.name and (model.MEASURED_BY.name, start, end) in self.dataset.edges:
                self._problem(where.file, where.row, where.column, f"'{end}' is an indicator of '{start}' itself: "
                              "a goal cannot contribute to its own indicator (it would support itself)")

    # -- helpers ---------------------------------------------------------------------------------------

    def _dataset_name(self, unit_rows: list[tuple[Row, str]]) -> str:
        if self.requested_name:
            return self.requested_name
        roots = [row.id for row, _ in unit_rows if not row.parent_id]
        if len(roots) == 1:
            return roots[0]
        file = self.tables["units"].name if "units" in self.tables else "units.csv"
        if not self.problems:
            self._problem(file, None, None, f"{len(roots)} top-level units (without parent_id) were found: "
                                            f"name the dataset with --dataset")
        return ""

    def _problem(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(file, row, column, message))


def _split_origin(origin: str) -> tuple[str, int]:
    file, _, row = origin.rpartition(":")
    return file, int(row)
