"""The bulk path for a new, empty database: the datasets checked exactly as `import_paths` checks them, then written
as the node and relationship CSV files of Neo4j's own `neo4j-admin database import full`.

Neo4j's offline importer writes the store files directly, without transactions: an order of magnitude faster than
any Cypher for a first load of the nation, but only into an empty database. Everything the transactional importer
writes is in the files: every node and relationship with the same properties (the same Cypher types: an int stays
a long, a float a double), the `dataset` of each, the implied indicator→element edges (graph/model.py), one import
log record per dataset (PokinImport, with the counts and changes the transactional import would record) and the
import lock node with a data version. The model's constraints and indexes are created once the store is up
(graph/launcher/bulk.py). Updates stay with the transactional importer: re-importing any of the datasets after a
bulk load changes nothing.

The datasets are read in the order given, as `import_paths` imports them: a dataset may refer to the nodes of the
ones before it (a kabupaten's sasaran contributing to the province's), and a node defined by an earlier dataset is
refused in a later one, with the same problems naming file, row and field. What `import_paths` asks the database
(which ids exist, in which dataset) is answered here from the datasets already read: a dictionary of their keys,
a few hundred megabytes for the nation. The first dataset refused stops the run (ImportRejected, its folder in
`path`), before anything is handed to Neo4j.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from graph import model
from graph.importer.build import Builder, Dataset, Nodes
from graph.importer.errors import ImportProblem, ImportRejected
from graph.importer.outcome import ImportRecord, new_record
from graph.importer.sources import read
from graph.importer.writer import State, WriteSummary, wanted_implied

# The CSV types of the values the builder produces: the Cypher type the transactional importer stores for each.
_CSV_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_KEYED = tuple(node for node in model.NODE_TYPES if len(node.key) == 1)  # what relationships refer to
ARRAY_DELIMITER = "U+001F"  # between the names in PokinImport.files: a character no file name holds
_ARRAY_SEPARATOR = "\x1f"


@dataclass
class BulkReport:
    """One dataset of a bulk load: what the transactional import of it would have reported."""

    path: Path
    dataset: str
    counts: dict[str, int]
    written: WriteSummary
    record: ImportRecord
    warnings: list[ImportProblem] = field(default_factory=list)


@dataclass
class BulkFiles:
    """The files for `neo4j-admin database import full`: (label or type, file) pairs, and whether a string holds a
    line break (then the import must read multi-line fields)."""

    folder: Path
    nodes: list[tuple[str, Path]]
    relationships: list[tuple[str, Path]]
    multiline: bool
    reports: list[BulkReport]

    def arguments(self) -> list[str]:
        """The import command's arguments for these files (the database name and the options come beside)."""
        args = [f"--nodes={label}={path}" for label, path in self.nodes]
        args += [f"--relationships={rel_type}={path}" for rel_type, path in self.relationships]
        args.append(f"--array-delimiter={ARRAY_DELIMITER}")
        if self.multiline:
            args.append("--multiline-fields=true")
        return args


class _Sink:
    """The CSV files being written: one per label (or relationship type and end labels) and set of property types,
    as a CSV header types a whole column; a property a row does not have is an empty, unquoted field."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[tuple[Any, ...], list[Any]] = {}  # key -> [handle, csv writer, rows written]
        self.paths: dict[tuple[Any, ...], tuple[str, Path]] = {}
        self.column_types: dict[tuple[Any, ...], dict[str, str]] = {}
        self.typed: dict[tuple[tuple[Any, ...], tuple[str, ...]], list[Any]] = {}

    def writer(self, group: tuple[Any, ...], name: str, header: list[str]) -> list[Any]:
        """The open file of `group` with this header ([handle, csv writer, rows]), made on first use."""
        key = group + tuple(header)
        held = self.files.get(key)
        if held is None:
            path = self.folder / f"{'-'.join(str(part) for part in group)}-{len(self.files)}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            out = csv.writer(handle, lineterminator="\n")
            out.writerow(header)
            held = self.files[key] = [handle, out, 0]
            self.paths[key] = (name, path)
        return held

    @staticmethod
    def write(held: list[Any], cells: list[Any]) -> None:
        """One row into an open file. An empty string must be quoted (csv would leave it bare, which neo4j-admin
        reads as null), so such a row is written by hand."""
        if "" in cells:
            held[0].write(",".join(_quoted(cell) for cell in cells) + "\n")
        else:
            held[1].writerow(cells)
        held[2] += 1

    def types(self, group: tuple[Any, ...], columns: Sequence[str], values: Sequence[Any]) -> tuple[str, ...]:
        """The CSV type of each column for this row: its value's, or for a null the type the column had before
        (so that a missing value does not split a file)."""
        known = self.column_types.setdefault(group, {})
        types = []
        for column, value in zip(columns, values):
            if value is None:
                types.append(known.get(column, "string"))
                continue
            kind = _CSV_TYPES.get(type(value))
            if kind is None:
                raise TypeError(f"{column}: a {type(value).__name__} cannot be written to the bulk files")
            known.setdefault(column, kind)
            types.append(kind)
        return tuple(types)

    def close(self) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]], bool]:
        """Close every file: the node files, the relationship files, and whether a field holds a line break."""
        multiline = False
        for handle, _, _ in self.files.values():
            handle.close()
        nodes: list[tuple[str, Path]] = []
        relationships: list[tuple[str, Path]] = []
        for key, (name, path) in self.paths.items():
            (nodes if key[0] == "node" else relationships).append((name, path))
            multiline = multiline or _has_line_breaks(path, self.files[key][2] + 1)
        return nodes, relationships, multiline


def _has_line_breaks(path: Path, lines: int, chunk: int = 1 << 24) -> bool:
    """Whether a quoted field of the file holds a line break: a carriage return, or more line feeds than `lines`
    (the header and the rows written). Read in chunks: a national file is gigabytes."""
    feeds = 0
    with path.open("rb") as handle:
        while data := handle.read(chunk):
            if b"\r" in data:
                return True
            feeds += data.count(b"\n")
    return feeds != lines


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if value is True or value is False:
        return "true" if value else "false"
    return value


def _write_row(sink: _Sink, group: tuple[Any, ...], name: str, fixed: list[str], columns, values) -> None:
    """One row: the `fixed` header cells (ids) given first in `values`, then the typed properties."""
    types = sink.types(group, columns, values[len(fixed) :])
    held = sink.typed.get((group, types))
    if held is None:
        header = fixed + [f"{column}:{kind}" for column, kind in zip(columns, types)]
        held = sink.typed[(group, types)] = sink.writer(group, name, header)
    sink.write(held, [_cell(value) for value in values])


def _quoted(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return '"' + cell.replace('"', '""') + '"'
    return str(cell)


class _Known:
    """The keys of the nodes the datasets read so far define, with their label and dataset: what the database would
    answer `import_paths` (writer.existing_labels, writer.foreign_owners) after importing them."""

    def __init__(self) -> None:
        self.labels = [node.label for node in _KEYED]
        self.datasets: list[str] = []
        self.keys: dict[str, int] = {}  # key -> label index + len(labels) * dataset index

    def add(self, dataset: Dataset) -> None:
        number = len(self.datasets)
        self.datasets.append(dataset.name)
        for index, label in enumerate(self.labels):
            code = index + len(self.labels) * number
            for key in dataset.nodes.get(label, {}):
                self.keys[key] = code

    def lookup(self, ids: set[str], _dataset: str) -> dict[str, tuple[str, str]]:
        found = {key: self.keys[key] for key in ids if key in self.keys}
        return {
            key: (self.labels[code % len(self.labels)], self.datasets[code // len(self.labels)])
            for key, code in found.items()
        }

    def owners(self, label: str, keys: Iterable[Any], dataset: str) -> dict[Any, str | None]:
        """Which of `keys` (of `label`) an earlier dataset defines, and which one; an IndicatorYear follows its
        indicator."""
        wanted = model.INDICATOR.label if label == model.INDICATOR_YEAR.label else label
        owned: dict[Any, str | None] = {}
        for key in keys:
            code = self.keys.get(key[0] if isinstance(key, tuple) else key)
            if code is not None and self.labels[code % len(self.labels)] == wanted:
                name = self.datasets[code // len(self.labels)]
                if name != dataset:
                    owned[key] = name
        return owned


def _built(path: Path, known: _Known, taken: dict[str, Path]) -> Dataset:
    """Read and check one dataset as `import_paths` would with the earlier datasets in the database."""
    source = read(path)
    if source.problems:
        raise ImportRejected(source.problems)
    builder = Builder(source.tables, known.lookup, None, owners=known.owners)
    builder.warnings.extend(source.warnings)
    builder.parse()
    unknown = builder.unknown_ids()
    built = builder.finish(known.lookup(unknown, builder.dataset.name) if unknown else {})
    if built is None:
        raise ImportRejected(builder.problems)
    foreign = [edge for edge in built.edges if edge[1] not in builder.defined and edge[2] not in builder.defined]
    if foreign:
        raise ImportRejected(_between_foreign_nodes(builder, foreign))
    if built.name in taken:
        raise ImportRejected(
            [
                ImportProblem(
                    str(path),
                    None,
                    None,
                    f"dataset '{built.name}' is also given at {taken[built.name]}; a bulk load takes each dataset "
                    "once (update it afterwards with `pokin import`)",
                )
            ]
        )
    return built


def _between_foreign_nodes(builder: Builder, edges: list[tuple[str, str, str]]) -> list[ImportProblem]:
    """A link between two nodes of earlier datasets: `pokin import` would take over an equal link one of them holds
    (its MERGE finds it); the bulk files cannot, so such a dataset is left to `pokin import` after the load."""
    where = builder._first_given(set(edges))
    return [
        ImportProblem(
            *where[edge],
            f"the {edge[0]} link {edge[1]} -> {edge[2]} joins two nodes of other datasets: a bulk load does not "
            "take such links; import this dataset with `pokin import` after the bulk load",
        )
        for edge in sorted(edges)
    ]


def write_bulk_files(
    paths: Iterable[Path], folder: Path, on_report: Callable[[Path, BulkReport], None] | None = None
) -> BulkFiles:
    """Check every dataset in order and write the import files into `folder` (which must exist). The first dataset
    refused raises ImportRejected with its folder in `path`; the files written so far are then of no use."""
    sink = _Sink(Path(folder))
    known = _Known()
    taken: dict[str, Path] = {}
    reports: list[BulkReport] = []
    for path in (Path(entry) for entry in paths):
        try:
            built = _built(path, known, taken)
        except ImportRejected as refused:
            refused.path = path
            raise
        summary = _write_dataset(sink, built)
        record = new_record(path, built.name, built.counts())
        report = BulkReport(path, built.name, built.counts(), summary, record, built.warnings)
        reports.append(report)
        known.add(built)
        taken[built.name] = path
        if on_report is not None:
            on_report(path, report)
    _write_log(sink, reports)
    nodes, relationships, multiline = sink.close()
    return BulkFiles(Path(folder), nodes, relationships, multiline, reports)


def _write_dataset(sink: _Sink, dataset: Dataset) -> WriteSummary:
    """The dataset's nodes, edges and implied edges into the files; what the transactional import would count."""
    summary = WriteSummary(batches=1)
    for node in model.NODE_TYPES:
        items = dataset.nodes.get(node.label)
        if items:
            _write_nodes(sink, node, items, dataset.name, summary)
    for edge, props in dataset.edges.items():
        rel_type, start, end = edge
        start_label, end_label = dataset.edge_labels[edge]
        names = sorted(name for name, value in props.items() if value is not None)
        _write_edge(sink, (rel_type, start_label, end_label), [start, end, *(props[n] for n in names)], names, dataset)
        summary.relationships_created += 1
        summary.properties_set += len(names) + 1
    for (indicator, element), label in wanted_implied(dataset, State()).items():
        group = (model.CONTRIBUTES_TO.name, model.INDICATOR.label, label)
        _write_edge(sink, group, [indicator, element, True, 1.0], [model.IMPLIED_PROPERTY, "weight"], dataset)
        summary.relationships_created += 1
        summary.properties_set += 3
    return summary


def _write_nodes(sink: _Sink, node: model.NodeType, items: Any, dataset: str, summary: WriteSummary) -> None:
    columns = list(items.columns or ()) if isinstance(items, Nodes) else sorted({c for k in items for c in items[k]})
    fixed: list[str] = []
    if len(node.key) == 1:  # the id relationships refer to, kept as the key property too
        fixed = [f"{node.key[0]}:ID({node.label})"]
    kept = [index for index, column in enumerate(columns) if not fixed or column != node.key[0]]
    names = [columns[index] for index in kept] + ["dataset"]
    group = ("node", node.label)
    # the import would also write each new element's "reaches an outcome" (graph/importer/reach.py); the bulk load
    # works it out after (reach.rebuild), and counts it here as the import's log record would
    reached = 1 if node.label in model.REACH_LABELS else 0
    for key in items:
        stored = items.stored(key) if isinstance(items, Nodes) else tuple(items[key].get(c) for c in columns)
        values = [stored[index] for index in kept] + [dataset]
        _write_row(sink, group, node.label, fixed, names, [key, *values] if fixed else values)
        summary.nodes_created += 1
        summary.properties_set += len(fixed) + len(values) - values.count(None) + reached


def _write_edge(
    sink: _Sink, group: tuple[str, str, str], values: list[Any], names: list[str], dataset: Dataset
) -> None:
    rel_type, start_label, end_label = group
    fixed = [f":START_ID({start_label})", f":END_ID({end_label})"]
    _write_row(sink, ("rel", *group), rel_type, fixed, [*names, "dataset"], [*values, dataset.name])


def _write_log(sink: _Sink, reports: list[BulkReport]) -> None:
    """One import log record per dataset (graph/model.py IMPORT_RECORD_STATEMENT's properties), a millisecond
    apart in the datasets' order, and the import lock node with a new data version."""
    now = datetime.now(timezone.utc)
    columns = ["id", "dataset", "at", "source", "files", "digest", "counts", *model.IMPORT_LOG_CHANGES]
    types = ["string", "string", "datetime", "string", "string[]", "string", "string"] + ["long"] * len(
        model.IMPORT_LOG_CHANGES
    )
    header = [f"{column}:{kind}" for column, kind in zip(columns, types)]
    out = sink.writer(("node", model.IMPORT_LOG_LABEL), model.IMPORT_LOG_LABEL, header)
    for number, report in enumerate(reports):
        record, changes = report.record, report.written.changes()
        at = (now + timedelta(milliseconds=number)).isoformat().replace("+00:00", "Z")
        sink.write(
            out,
            [record.id, record.dataset, at, record.source, _ARRAY_SEPARATOR.join(record.files), record.digest]
            + [json.dumps(record.counts, sort_keys=True)]
            + [changes[change] for change in model.IMPORT_LOG_CHANGES],
        )
    lock = sink.writer(
        ("node", model.IMPORT_LOCK_LABEL), model.IMPORT_LOCK_LABEL, ["id:string", "held:boolean", "version:string"]
    )
    sink.write(lock, ["import", "true", str(uuid.uuid4())])
