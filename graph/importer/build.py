"""Turn validated rows into the graph to write, checking everything that spans rows and files.

Nothing here touches the database except through `lookup`, which tells which ids that the files refer
to (but do not define) already exist there, e.g. a province's goal that a kabupaten contributes to, and
`owners`, which tells which ids that the files define already belong to another dataset (refused: ids
are unique across datasets; inside the import's transaction the uniqueness constraints hold it, and
writer.write names the clashes).

Rows stream through: each file is read record by record (sources.Table.rows), each record is checked by
its pydantic row model and at once reduced to what the graph needs (a tuple of node properties, the ids
it defines, the references it makes, each a few machine words), so a file of a million rows is never
held as a million row objects and dicts. What stays per row is what the checks that span rows and files
need: its id (uniqueness), its node's properties (to write them) and its references (resolved at the end,
when every file has defined its ids). tests/test_hostile_files.py bounds the memory of a 1,000,000-row file.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType
from typing import Any, NewType

from pydantic import ValidationError

from graph import model, versions
from graph.importer.errors import ImportProblem, ProblemLog
from graph.importer.number_style import FIGURE_COLUMNS
from graph.importer.rows import ROW_MODELS, cell_problems, required_columns
from graph.importer.sources import Table
from graph.importer.values import CellError, Figure, asn_kind, same_unit, validate_nip
from graph.versions import Version, VersionError

# (ids, dataset) -> {id: (label, the dataset holding it)}: ids of other Pemda (writer.existing_labels)
Lookup = Callable[[set[str], str], dict[str, tuple[str, str]]]
# (label, ids, dataset) -> {id: the dataset that holds it, None for a node without one} for ids outside dataset
Owners = Callable[[str, Iterable[str], str], dict[Any, "str | None"]]
EdgeKey = tuple[str, str, str]  # (type, from key, to key)

_NO_PROPS: Mapping[str, Any] = MappingProxyType({})
_NO_FIGURE = Figure()


def _end_target_properties(end: tuple[Figure, int] | None) -> dict[str, Any]:
    """Indicator.target_end and target_end_text from the end target its rows give (nulls when none)."""
    figure = end[0] if end is not None else _NO_FIGURE
    return {"target_end": figure.number, "target_end_text": figure.text}


_LISTED = 20  # ids named in one warning that lists many (the rest counted)
MAX_WARNINGS = 500  # warnings kept per import; the rest are counted in one last warning
_UNIT_WEIGHT: Mapping[str, Any] = MappingProxyType({"weight": 1.0})


class SourceFile(IntEnum):
    """The files of an import, in the order they are read; the number is what an Origin holds."""

    UNITS = 0
    GOALS = 1
    INDICATORS = 2
    ACTIVITIES = 3
    STAFF = 4
    LINKS = 5

    @property
    def table(self) -> str:
        """The table's name; its file is `<table>.csv` (or a sheet of that name)."""
        return self.name.lower()

    @property
    def label(self) -> str | None:
        """The label of the nodes whose ids the file defines (links.csv defines none)."""
        return _LABEL_OF_FILE[self]

    @property
    def key_column(self) -> str:
        """The column holding the id a row defines."""
        return "nip" if self is SourceFile.STAFF else "id"


_DEFINING = tuple(file.table for file in SourceFile)
_LABEL_OF_FILE = (
    model.UNIT.label,
    model.GOAL.label,
    model.INDICATOR.label,
    model.ACTIVITY.label,
    model.ASN.label,
    None,
)  # indexed by SourceFile
_FILES = tuple(SourceFile)

Origin = NewType("Origin", int)
"""Where an id is defined: the row and the SourceFile packed into one int (row * 8 + file). A Builder keeps one
for every id of an import (a million for the national slice), so it is a small int rather than a (file, row)
tuple, which would cost three times its memory; made by `pack_origin`, read by `origin_file` and `origin_row`."""
_FILE_BITS = 3  # room for 8 files
_FILE_MASK = (1 << _FILE_BITS) - 1


def pack_origin(file: SourceFile, row: int) -> Origin:
    return Origin(row << _FILE_BITS | file)


def origin_file(origin: Origin) -> SourceFile:
    return _FILES[origin & _FILE_MASK]


def origin_row(origin: Origin) -> int:
    return origin >> _FILE_BITS


class Nodes(MutableMapping):
    """key -> properties of one label, stored as a tuple of values in a fixed column order (a dict per
    node would cost four times as much); reading an item gives the dict back."""

    def __init__(self) -> None:
        self.columns: tuple[str, ...] | None = None
        self._values: dict[Any, tuple[Any, ...]] = {}

    def __setitem__(self, key: Any, props: Mapping[str, Any]) -> None:
        if self.columns is None:
            self.columns = tuple(props)
        elif tuple(props) != self.columns:
            raise ValueError(f"properties {tuple(props)} differ from {self.columns}")
        self._values[key] = tuple(props.values())

    def __getitem__(self, key: Any) -> dict[str, Any]:
        return dict(zip(self.columns or (), self._values[key]))

    def stored(self, key: Any) -> tuple[Any, ...]:
        """The properties of `key` as stored: a tuple in the order of `columns`."""
        return self._values[key]

    def __delitem__(self, key: Any) -> None:
        del self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class Edges(Mapping):
    """(type, start, end) -> properties. Stored per type as {start: end} ({start: {end: None, ...}} for a start
    with several ends) with the properties only where they differ from the type's default: a key tuple and
    a properties dict per edge would cost three times as much."""

    def __init__(self) -> None:
        self._ends: dict[str, dict[str, Any]] = {}
        self._props: dict[EdgeKey, Mapping[str, Any]] = {}
        self._count = 0

    @staticmethod
    def default(rel_type: str) -> Mapping[str, Any]:
        return _UNIT_WEIGHT if rel_type == model.CONTRIBUTES_TO.name else _NO_PROPS

    def add(self, key: EdgeKey, props: Mapping[str, Any]) -> bool:
        """Add the edge; False (and nothing changed) when it is already there."""
        rel_type, start, end = key
        starts = self._ends.setdefault(rel_type, {})
        held = starts.get(start)
        if held is None:
            starts[start] = end
        elif isinstance(held, dict):
            if end in held:
                return False
            held[end] = None
        elif held == end:
            return False
        else:
            starts[start] = {held: None, end: None}
        default = self.default(rel_type)
        if props is not default and dict(props) != dict(default):
            self._props[key] = props
        self._count += 1
        return True

    def of_type(self, rel_type: str) -> Iterator[EdgeKey]:
        for start, held in self._ends.get(rel_type, {}).items():
            if isinstance(held, dict):
                for end in held:
                    yield rel_type, start, end
            else:
                yield rel_type, start, held

    def __contains__(self, key: object) -> bool:
        if not (isinstance(key, tuple) and len(key) == 3):
            return False
        held = self._ends.get(key[0], {}).get(key[1])
        return held is not None and (key[2] in held if isinstance(held, dict) else held == key[2])

    def __getitem__(self, key: EdgeKey) -> Mapping[str, Any]:
        if key not in self:
            raise KeyError(key)
        return self._props.get(key, self.default(key[0]))

    def __iter__(self) -> Iterator[EdgeKey]:
        for rel_type in list(self._ends):
            yield from self.of_type(rel_type)

    def __len__(self) -> int:
        return self._count


class EdgeLabels(Mapping):
    """(type, start, end) -> (start label, end label), read from the labels of the ids, not stored per edge."""

    def __init__(self, edges: Mapping[EdgeKey, Any], label_of: Callable[[str], str | None]):
        self._edges = edges
        self._label_of = label_of

    def __getitem__(self, edge: EdgeKey) -> tuple[str, str]:
        if edge not in self._edges:
            raise KeyError(edge)
        start, end = self._label_of(edge[1]), self._label_of(edge[2])
        assert start is not None and end is not None  # an edge is kept only once both ends resolved (_resolve)
        return start, end

    def __iter__(self) -> Iterator[EdgeKey]:
        return iter(self._edges)

    def __len__(self) -> int:
        return len(self._edges)


@dataclass
class Dataset:
    """What one import writes: nodes per label (key -> properties) and edges per type."""

    name: str
    nodes: dict[str, MutableMapping[Any, dict[str, Any]]] = field(default_factory=lambda: defaultdict(Nodes))
    edges: Edges = field(default_factory=Edges)
    edge_labels: Mapping[EdgeKey, tuple[str, str]] = field(default_factory=dict)
    # where each id (or NIP) the files define is defined, its file an index in `files` (the Builder's own
    # `defined`, shared, not copied: no memory per row beyond what validation already holds)
    origins: Mapping[str, Origin] = field(default_factory=dict)
    files: tuple[str, ...] = tuple(f"{name}.csv" for name in _DEFINING)
    # file name -> where its rows were really written (tables made from matriks sheets: sources.Table.locate)
    locators: Mapping[str, Callable[[int | None, str | None], tuple[str, int | None, str | None]]] = field(
        default_factory=dict
    )
    warnings: list[ImportProblem] = field(default_factory=list)  # accepted, but worth a planner's look
    # the version the files are of (graph/versions.py); None: the unnamed version of the dataset
    version: Version | None = None
    # id -> the dataset (version of another Pemda) holding it, for each id the files refer to but do not define
    foreign: Mapping[str, str] = field(default_factory=dict)

    def dataset_of(self, key: str) -> str:
        """The version a node the edges name lives in: this one, or the other Pemda's version it resolved to."""
        return self.foreign.get(key, self.name)

    def counts(self) -> dict[str, int]:
        counts = {label: len(items) for label, items in self.nodes.items()}
        for rel_type, _, _ in self.edges:
            counts[rel_type] = counts.get(rel_type, 0) + 1
        return counts

    def defined_at(self, key: Any) -> tuple[str, int | None, str | None] | None:
        """(file, row, column) of the row that defines node `key`; an IndicatorYear's key (indicator id,
        year) gives its indicator's (first) row."""
        origin = self.origins.get(key[0] if isinstance(key, tuple) else key)
        if origin is None:
            return None
        file = origin_file(origin)
        return located(self.locators, self.files[file], origin_row(origin), file.key_column)

    def foreign_problems(self, owners: Mapping[str, Mapping[Any, str | None]]) -> list[ImportProblem]:
        """One problem per node that the files define and the database holds in another dataset.

        `owners` is label -> {key: the dataset holding that node, None for a node without one}. An
        IndicatorYear follows its indicator: it is reported as the indicator's row, once."""
        problems: list[ImportProblem] = []
        seen: set[str] = set()
        for label in sorted(owners, key=lambda name: name == model.INDICATOR_YEAR.label):
            for key, owner in owners[label].items():
                node_id = key[0] if isinstance(key, tuple) else key
                if node_id in seen:
                    continue
                seen.add(node_id)
                file, row, column = self.defined_at(node_id) or (label, None, model.NODE_TYPES_BY_LABEL[label].key[0])
                if owner is None:
                    message = (
                        f"'{node_id}' already exists in the database outside any dataset; ids are unique "
                        f"across datasets"
                    )
                else:
                    message = (
                        f"'{node_id}' already belongs to dataset '{owner}'; ids are unique across datasets "
                        f"(import that dataset to change it)"
                    )
                problems.append(ImportProblem(file, row, column, message))
        return problems


@dataclass(frozen=True)
class VersionRequest:
    """The version an import names (`pokin import --version 2026 --period 2025-2029`); all None: the unnamed one."""

    name: str | None = None
    kind: str | None = None
    period: str | None = None


@dataclass
class _Refs:
    """References of one kind made by one file column (e.g. staff.csv supervisor_nip -> REPORTS_TO),
    kept column-wise: the source ids, the target ids and the rows, one machine word each."""

    rel_type: str
    file: SourceFile
    column: str
    allowed: tuple[str, ...]
    reverse: bool
    from_labels: tuple[str, ...] | None
    props: Mapping[str, Any]
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    rows: array = field(default_factory=lambda: array("q"))
    row_props: list[Mapping[str, Any]] | None = None  # per reference, when they differ (links.csv weights)


class Builder:
    """Collects every problem in one pass; `build()` returns the dataset only when there is none."""

    def __init__(
        self,
        tables: dict[str, Table],
        lookup: Lookup,
        dataset_name: str | None = None,
        owners: Owners | None = None,
        owners_only_with_problems: bool = False,
        version: VersionRequest | None = None,
    ):
        self.tables = tables
        self.version_request = version
        self.lookup = lookup
        self.owners = owners
        # An import that goes on to write has its transaction check ownership (writer.write, after the import lock: the
        # check that holds), so the early check is then needed only to list clashes beside other problems found here:
        # one report still names them all, and a good import seeks no key for it.
        self.owners_only_with_problems = owners_only_with_problems
        self.requested_name = dataset_name
        self.problems = ProblemLog()  # counted all, the first MAX_PROBLEMS_SHOWN kept
        self.warnings: list[ImportProblem] = []  # what the import accepts but a planner should look at
        self.warnings_left_out = 0
        self.files = [tables[name].name if name in tables else f"{name}.csv" for name in _DEFINING]
        self.defined: dict[str, Origin] = {}  # id -> where, for every id the files define
        self.found: dict[str, tuple[str, str]] = {}  # id -> (label, dataset), for ids found in the database
        self.refused: dict[str, Origin] = {}  # id -> the first refused row that would define it
        self.refused_positions: dict[str, Origin] = {}  # staff.csv position_id -> its refused row
        self.refs: dict[tuple[Any, ...], _Refs] = {}
        self.roots: list[str] = []  # units without parent_id
        self._parsed_problems = ProblemLog()  # what parse found (finish adds the rest)
        self.locators = {table.name: table.locate for table in tables.values() if table.locate is not None}
        self.dataset = Dataset(name="", origins=self.defined, files=tuple(self.files), locators=self.locators)
        self.dataset.edge_labels = EdgeLabels(self.dataset.edges, self.label_of)

    def build(self) -> Dataset | None:
        self.parse()
        return self.finish()

    def parse(self) -> None:
        """Everything that needs only the files: each row checked, the ids defined, the references noted.
        (Pure Python: a multi-dataset import runs it for the next dataset while the current one is written.)"""
        self._units()
        self._goals()
        self._indicators()
        self._activities()
        self._staff()
        self._links()
        self.dataset.name = self._dataset_name()
        self._name_version()
        self._parsed_problems = self.problems.copy()

    def unknown_ids(self) -> set[str]:
        """The ids the references name that the files do not define: `finish` asks the database for them."""
        return {
            key
            for refs in self.refs.values()
            for key in (refs.targets + refs.sources if refs.from_labels else refs.targets)
            if key not in self.defined
        }

    def finish(self, found: dict[str, tuple[str, str]] | None = None, *, check_owners: bool = True) -> Dataset | None:
        """What needs the database: references resolved against it, ownership; the dataset, or None.

        `found`: what `lookup` answers for `unknown_ids()`, when the caller asked it already. It may be called
        again (e.g. after the database changed): each call starts from what `parse` left. `check_owners=False`
        leaves out the ownership check (for a trial run whose problems are not reported)."""
        self.problems = self._parsed_problems.copy()
        self.dataset.edges = Edges()
        self.dataset.edge_labels = EdgeLabels(self.dataset.edges, self.label_of)
        if found is None:
            unknown = self.unknown_ids()
            found = self.lookup(unknown, self.dataset.name) if unknown else {}
        self.found = found
        self.dataset.foreign = {key: held[1] for key, held in found.items()}
        self.dataset.warnings = self.all_warnings()
        self._resolve()
        if check_owners:
            self._foreign()
        return None if self.problems else self.dataset

    def label_of(self, key: str) -> str | None:
        origin = self.defined.get(key)
        # origin_file inlined: this runs for both ends of every reference
        if origin is not None:
            return _LABEL_OF_FILE[origin & _FILE_MASK]
        held = self.found.get(key)
        return held[0] if held is not None else None

    # -- rows ------------------------------------------------------------------------------------------

    def _typed_rows(
        self, table_name: str, more_required: Callable[[Iterable[str]], list[str]] | None = None
    ) -> Iterator[tuple[Any, int]]:
        """Each row that its model accepts, with its number; a refused row's problems are reported and the id it
        would define remembered (`_refuse`), so references to it name the refused row."""
        if table_name not in self.tables:
            return
        table = self.tables[table_name]
        row_model = ROW_MODELS[table_name]
        file = SourceFile[table_name.upper()]
        key_column = file.key_column
        missing = [column for column in required_columns(row_model) if column not in table.columns]
        missing += more_required(table.columns) if more_required else []
        if missing:
            self._problem(
                table.name,
                1,
                None,
                f"missing column(s): {', '.join(missing)} (found: {', '.join(table.columns) or 'none'})",
            )
            return
        validate = row_model.model_validate
        context = {"styles": table.styles} if table.styles else None  # number_style: each column's style
        for number, cells in table.rows():
            try:
                yield validate(cells, context=context), number
            except ValidationError as exc:
                for column, message in cell_problems(exc):
                    self._problem(table.name, number, column, message)
                if file.label is not None:
                    self._refuse(cells.get(key_column), file, number)
                if file is SourceFile.STAFF and cells.get("position_id") is not None:
                    self.refused_positions.setdefault(
                        " ".join(str(cells["position_id"]).split()), pack_origin(file, number)
                    )

    def _refuse(self, key: Any, file: SourceFile, number: int) -> None:
        """Remember that the row `number` of `file`, which defines `key`, was refused (its first such row)."""
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        text = "".join(str(key).split()) if key is not None else ""
        if text and text not in self.refused:
            self.refused[text] = pack_origin(file, number)

    def _define(self, key: str, file: SourceFile, number: int) -> None:
        if key in self.defined:
            first = self.defined[key]
            self._problem(
                self.files[file],
                number,
                file.key_column,
                f"'{key}' is already used at {self._where(first)}; ids must be unique across the whole dataset",
            )
            return
        self.defined[key] = pack_origin(file, number)

    def _where(self, origin: Origin) -> str:
        file, row, _ = located(self.locators, self.files[origin_file(origin)], origin_row(origin), None)
        return f"{file}:{row}"

    def _units(self) -> None:
        nodes = self.dataset.nodes[model.UNIT.label]
        for row, number in self._typed_rows("units"):
            self._define(row.id, SourceFile.UNITS, number)
            nodes[row.id] = {"id": row.id, "name": row.name, "kind": row.kind}
            if row.parent_id:
                self._refer(
                    model.UNIT_PART_OF.name,
                    row.id,
                    row.parent_id,
                    (model.UNIT.label,),
                    SourceFile.UNITS,
                    number,
                    "parent_id",
                    forbid_self=True,
                )
            else:
                self.roots.append(row.id)

    def _goals(self) -> None:
        nodes = self.dataset.nodes[model.GOAL.label]
        for row, number in self._typed_rows("goals"):
            self._define(row.id, SourceFile.GOALS, number)
            nodes[row.id] = {"id": row.id, "level": _common(row.level), "statement": row.statement}
            if row.unit_id:
                self._refer(
                    model.ASSIGNED_TO.name,
                    row.id,
                    row.unit_id,
                    (model.UNIT.label,),
                    SourceFile.GOALS,
                    number,
                    "unit_id",
                    reverse=True,
                )
            for target in row.contributes_to:
                self._refer(
                    model.CONTRIBUTES_TO.name,
                    row.id,
                    target,
                    model.CONTRIBUTES_TO.ends,
                    SourceFile.GOALS,
                    number,
                    "contributes_to",
                    forbid_self=True,
                    props=_UNIT_WEIGHT,
                )

    def _indicators(self) -> None:
        first: dict[str, tuple[Any, ...]] = {}  # indicator id -> (element, name, polarity, iku, weight, definition)
        columns: dict[str, str] = {}  # indicator id -> the column its element is named in (goal_id or element_id)
        satuan_of: dict[str, tuple[str, int, int]] = {}  # indicator id -> (satuan, year, row) where first given
        polarity_of: dict[str, str] = {}  # indicator id -> the polarity its rows give (when one does)
        years: set[tuple[str, int]] = set()
        ends: dict[str, tuple[Figure, int]] = {}  # indicator id -> (its end target, the row that gave it first)
        figures_nodes = self.dataset.nodes[model.INDICATOR_YEAR.label]
        file = self.files[SourceFile.INDICATORS]
        structure = ("element", "name", "polarity", "iku", "weight", "definition")
        for row, number in self._typed_rows("indicators", self._has_element_column):
            element = self._measured_element(row, number)
            if element is None:
                self._refuse(row.id, SourceFile.INDICATORS, number)
                continue
            column, element_id = element
            values = (element_id, row.name, row.polarity, row.iku, row.weight, row.definition)
            if row.id not in first:
                first[row.id] = values
                columns[row.id] = column
                self._define(row.id, SourceFile.INDICATORS, number)
            elif self.label_of(row.id) == model.INDICATOR.label:
                for name, value, earlier in zip(structure, values, first[row.id]):
                    if value != earlier and not (name == "polarity" and (value is None or earlier is None)):
                        self._problem(
                            file,
                            number,
                            column if name == "element" else name,
                            f"differs from the indicator's earlier row ({self._where(self.defined[row.id])}): "
                            f"'{value}' vs '{earlier}'",
                        )
            if row.polarity is not None:
                polarity_of.setdefault(row.id, row.polarity)
            self._end_target(row, number, ends)
            if (row.id, row.year) in years:
                self._problem(file, number, "year", f"indicator '{row.id}' already has a row for {row.year}")
                continue
            years.add((row.id, row.year))
            satuan = self._year_satuan(row, number)
            if satuan is not None:
                held = satuan_of.setdefault(row.id, (satuan, row.year, number))
                if not same_unit(held[0], satuan):
                    self._warn(
                        file,
                        number,
                        "satuan",
                        f"the satuan of indicator '{row.id}' changes between years: '{held[0]}' in {held[1]} "
                        f"({file}:{held[2]}), '{satuan}' in {row.year}",
                    )
            figures_nodes[(row.id, row.year)] = {
                "indicator_id": row.id,
                "year": row.year,
                "satuan": satuan,
                "target_min": row.target_min,
                "target_max": row.target_max,
                **self._figures(row, number),
            }
        nodes = self.dataset.nodes[model.INDICATOR.label]
        defaulted: list[str] = []
        for indicator_id, (element_id, name, _, iku, weight, definition) in first.items():
            origin = self.defined.get(indicator_id)
            if origin is not None and origin_file(origin) is SourceFile.INDICATORS:
                polarity = polarity_of.get(indicator_id)
                if polarity is None:
                    polarity = model.DEFAULT_POLARITY
                    defaulted.append(indicator_id)
                satuan = satuan_of.get(indicator_id, (None,))[0]
                nodes[indicator_id] = {
                    "id": indicator_id,
                    "name": name,
                    "satuan": satuan,
                    "polarity": polarity,
                    "iku": iku,
                    "weight": weight,
                    "definition": definition,
                    **_end_target_properties(ends.get(indicator_id)),
                }
                column = columns[indicator_id]
                allowed = (model.GOAL.label,) if column == "goal_id" else model.MEASURED_ELEMENTS
                self._refer(
                    model.MEASURED_BY.name,
                    indicator_id,
                    element_id,
                    allowed,
                    SourceFile.INDICATORS,
                    origin_row(origin),
                    column,
                    reverse=True,
                )
        if defaulted:
            shown = ", ".join(defaulted[:_LISTED])
            more = f" and {len(defaulted) - _LISTED} more" if len(defaulted) > _LISTED else ""
            self._warn(
                file,
                None,
                "polarity",
                f"no polarity given for {len(defaulted)} indicator(s), read as "
                f"'{model.DEFAULT_POLARITY}' (higher is better): {shown}{more}",
            )

    def _end_target(self, row: Any, number: int, ends: dict[str, tuple[Figure, int]]) -> None:
        """The period's end target (target_akhir) of an indicator: one per indicator and version, so it may be
        written on one of the indicator's rows or repeated on several; two different ones are a problem."""
        figure = row.target_akhir
        if figure is None or figure.blank:
            return
        file = self.files[SourceFile.INDICATORS]
        if figure.composite:
            self._warn(file, number, "target_akhir", f"'{figure.text}' is not one number: kept as text")
        held, first_row = ends.setdefault(row.id, (figure, number))
        if (held.number, held.text) != (figure.number, figure.text):
            where = ":".join(str(part) for part in located(self.locators, file, first_row, None)[:2])
            shown = [f.text if f.number is None else f"{f.number:g}" for f in (figure, held)]
            self._problem(
                file,
                number,
                "target_akhir",
                f"differs from the end target of indicator '{row.id}' on an earlier row ({where}): "
                f"'{shown[0]}' vs '{shown[1]}' (an indicator has one end target)",
            )

    def _year_satuan(self, row: Any, number: int) -> str | None:
        """The satuan of one indicator-year: the satuan column, or else the unit written in its figures
        (`25 OPD`); a unit that differs from the satuan column is a warning (the column is kept)."""
        satuan = row.satuan
        for column in FIGURE_COLUMNS:
            figure = getattr(row, column)
            if figure is None or figure.unit is None:
                continue
            if satuan is None:
                satuan = figure.unit
            elif not same_unit(satuan, figure.unit):
                self._warn(
                    self.files[SourceFile.INDICATORS],
                    number,
                    column,
                    f"written in '{figure.unit}' but the satuan is '{satuan}' (kept '{satuan}')",
                )
        return satuan

    def _figures(self, row: Any, number: int) -> dict[str, Any]:
        """The numbers of one indicator-year, and its qualitative figures as text. A target with no value
        (empty, `n/a`, `-`) is a warning, never a zero; so is text that holds several numbers (kept as text)."""
        numbers: dict[str, Any] = {}
        texts: dict[str, Any] = {}
        for column in FIGURE_COLUMNS:
            figure = getattr(row, column) or _NO_FIGURE
            numbers[column] = figure.number
            texts[f"{column}_text"] = figure.text
            if figure.composite:
                self._warn(
                    self.files[SourceFile.INDICATORS],
                    number,
                    column,
                    f"'{figure.text}' is not one number: kept as text, left out of capaian",
                )
        target = row.target or _NO_FIGURE
        if target.blank:
            written = f"'{target.placeholder}'" if target.placeholder is not None else "empty"
            self._warn(
                self.files[SourceFile.INDICATORS],
                number,
                "target",
                f"no target for {row.year} ({written}): read as no value, not as 0",
            )
        return {**numbers, **texts}

    @staticmethod
    def _has_element_column(columns: Iterable[str]) -> list[str]:
        """indicators.csv names what each indicator measures in `element_id` or (as before) `goal_id`."""
        return [] if {"element_id", "goal_id"} & set(columns) else ["element_id (or goal_id)"]

    def _measured_element(self, row: Any, number: int) -> tuple[str, str] | None:
        """(column, id) of the element an indicator row measures: one of goal_id and element_id, not both."""
        if row.goal_id and row.element_id:
            self._problem(
                self.files[SourceFile.INDICATORS],
                number,
                "element_id",
                f"give the measured element in element_id or in goal_id, not both "
                f"('{row.element_id}' and '{row.goal_id}')",
            )
            return None
        if not (row.goal_id or row.element_id):
            self._problem(
                self.files[SourceFile.INDICATORS],
                number,
                "element_id",
                "a value is required: the id of the goal or activity the indicator measures "
                "(element_id, or goal_id for a goal)",
            )
            return None
        return ("goal_id", row.goal_id) if row.goal_id else ("element_id", row.element_id)

    def _activities(self) -> None:
        nodes = self.dataset.nodes[model.ACTIVITY.label]
        kinds: dict[str, str] = {}
        parents: list[tuple[str, str, str, int]] = []  # checked once every activity's kind is known
        for row, number in self._typed_rows("activities"):
            self._define(row.id, SourceFile.ACTIVITIES, number)
            kind = _common(row.kind)
            kinds[row.id] = kind
            nodes[row.id] = {
                "id": row.id,
                "kind": kind,
                "code": row.code,
                "name": row.name,
                "year": row.year,
                "budget": row.budget,
            }
            if row.unit_id:
                self._refer(
                    model.ASSIGNED_TO.name,
                    row.id,
                    row.unit_id,
                    (model.UNIT.label,),
                    SourceFile.ACTIVITIES,
                    number,
                    "unit_id",
                    reverse=True,
                )
            if row.parent_id:
                parents.append((row.id, kind, _common(row.parent_id), number))
            for target in row.contributes_to:
                self._refer(
                    model.CONTRIBUTES_TO.name,
                    row.id,
                    target,
                    model.CONTRIBUTES_TO.ends,
                    SourceFile.ACTIVITIES,
                    number,
                    "contributes_to",
                    forbid_self=True,
                    props=_UNIT_WEIGHT,
                )
        self._activity_parents(kinds, parents)

    def _activity_parents(self, kinds: dict[str, str], parents: list[tuple[str, str, str, int]]) -> None:
        """activities.csv `parent_id`, checked once every activity's kind is known (a parent may come later in
        the file): a program has no parent, a kegiatan's is a program, a sub-kegiatan's a kegiatan."""
        for activity_id, kind, parent_id, number in parents:
            expected = model.ACTIVITY_KINDS[max(model.ACTIVITY_KINDS.index(kind) - 1, 0)]
            parent_kind = kinds.get(parent_id)
            if kind == "program" or (parent_kind is not None and parent_kind != expected):
                self._problem(
                    self.files[SourceFile.ACTIVITIES],
                    number,
                    "parent_id",
                    f"a {kind} cannot be part of a {parent_kind or 'anything'}; its parent must be a {expected}"
                    if kind != "program"
                    else "a program is the top of the nomenclature and has no parent",
                )
            else:
                self._refer(
                    model.ACTIVITY_PART_OF.name,
                    activity_id,
                    parent_id,
                    (model.ACTIVITY.label,),
                    SourceFile.ACTIVITIES,
                    number,
                    "parent_id",
                    forbid_self=True,
                )

    def _staff(self) -> None:
        nodes = self.dataset.nodes[model.ASN.label]
        positions: dict[str, tuple[str, int]] = {}  # position_id -> (nip, row) of its holder
        supervisors: list[tuple[str, str, int]] = []  # (nip, supervisor as written, row): resolved at the end
        file = self.files[SourceFile.STAFF]
        for row, number in self._typed_rows("staff"):
            self._define(row.nip, SourceFile.STAFF, number)
            nodes[row.nip] = {
                "nip": row.nip,
                "name": row.name,
                "asn_kind": _common(asn_kind(row.nip)),
                "position": _common(row.position),
                "position_id": row.position_id,
            }
            if row.position_id:
                if row.position_id in positions:
                    self._problem(
                        file,
                        number,
                        "position_id",
                        f"position '{row.position_id}' is already held at {file}:"
                        f"{positions[row.position_id][1]}; one person per position_id",
                    )
                else:
                    positions[row.position_id] = (row.nip, number)
            if row.unit_id:
                self._refer(
                    model.MEMBER_OF.name, row.nip, row.unit_id, (model.UNIT.label,), SourceFile.STAFF, number, "unit_id"
                )
            self._row_supervisor(row, number, supervisors)
            for target in row.assigned_to:
                self._refer(
                    model.ASSIGNED_TO.name,
                    row.nip,
                    target,
                    model.ASSIGNED_TO.ends,
                    SourceFile.STAFF,
                    number,
                    "assigned_to",
                )
        for nip, written, number in supervisors:
            self._supervisor(nip, written, number, positions)

    def _row_supervisor(self, row: Any, number: int, supervisors: list[tuple[str, str, int]]) -> None:
        """A staff row's atasan: a supervisor_nip is referred to at once; a `supervisor` may name a position_id
        of a later row, so it waits in `supervisors` until the whole file is read."""
        if row.supervisor_nip and row.supervisor:
            self._problem(
                self.files[SourceFile.STAFF],
                number,
                "supervisor",
                "give the atasan in supervisor or in supervisor_nip, "
                f"not both ('{row.supervisor}' and '{row.supervisor_nip}')",
            )
        elif row.supervisor_nip:
            self._refer(
                model.REPORTS_TO.name,
                row.nip,
                row.supervisor_nip,
                (model.ASN.label,),
                SourceFile.STAFF,
                number,
                "supervisor_nip",
                forbid_self=True,
            )
        elif row.supervisor:
            supervisors.append((row.nip, row.supervisor, number))

    def _supervisor(self, nip: str, written: str, number: int, positions: dict[str, tuple[str, int]]) -> None:
        """staff.csv `supervisor`: a position_id of the file names its holder; otherwise a NIP / NI PPPK (of the
        file or the database). A position_id wins: it is what the row's author chose to write."""
        file = self.files[SourceFile.STAFF]
        if written in positions:
            self._refer(
                model.REPORTS_TO.name,
                nip,
                positions[written][0],
                (model.ASN.label,),
                SourceFile.STAFF,
                number,
                "supervisor",
                forbid_self=True,
            )
            return
        if written in self.refused_positions:
            self._problem(
                file,
                number,
                "supervisor",
                f"position '{written}' is defined at {self._where(self.refused_positions[written])}, which was refused",
            )
            return
        try:
            supervisor_nip = validate_nip(written)
        except CellError as exc:
            self._problem(
                file,
                number,
                "supervisor",
                f"'{written}' is neither a position_id of {file} nor a NIP or NI PPPK ({exc})",
            )
            return
        self._refer(
            model.REPORTS_TO.name,
            nip,
            supervisor_nip,
            (model.ASN.label,),
            SourceFile.STAFF,
            number,
            "supervisor",
            forbid_self=True,
        )

    def _links(self) -> None:
        seen: dict[tuple[str, str, str], int] = {}
        for row, number in self._typed_rows("links"):
            key = (row.type, row.from_id, row.to_id)
            if key in seen:
                self._problem(
                    self.files[SourceFile.LINKS],
                    number,
                    "to_id",
                    f"the same {row.type} link is already at {self.files[SourceFile.LINKS]}:{seen[key]}",
                )
                continue
            seen[key] = number
            rel = model.CONTRIBUTES_TO if row.type == model.CONTRIBUTES_TO.name else model.ASSIGNED_TO
            props = MappingProxyType({"weight": row.weight}) if rel is model.CONTRIBUTES_TO else _NO_PROPS
            self._refer(
                rel.name,
                row.from_id,
                row.to_id,
                rel.ends,
                SourceFile.LINKS,
                number,
                "to_id",
                forbid_self=True,
                props=props,
                from_labels=rel.starts,
            )

    # -- references ------------------------------------------------------------------------------------

    def _refer(
        self,
        rel_type: str,
        source: str,
        target: str,
        allowed: tuple[str, ...],
        file: SourceFile,
        number: int,
        column: str,
        *,
        reverse: bool = False,
        forbid_self: bool = False,
        props: Mapping[str, Any] = _NO_PROPS,
        from_labels: tuple[str, ...] | None = None,
    ) -> None:
        """Record an edge source -> target (or target -> source when `reverse`), resolved once every id is known."""
        if forbid_self and source == target:
            self._problem(self.files[file], number, column, f"'{target}' refers to itself")
            return
        varying = file == 5  # links.csv: a weight per row
        spec = (rel_type, file, column, allowed, reverse, from_labels, None if varying else id(props))
        refs = self.refs.get(spec)
        if refs is None:
            refs = self.refs[spec] = _Refs(
                rel_type, file, column, allowed, reverse, from_labels, props, row_props=[] if varying else None
            )
        refs.sources.append(source)
        refs.targets.append(_common(target))
        refs.rows.append(number)
        if refs.row_props is not None:
            refs.row_props.append(props)

    def _resolve(self) -> None:
        label_of = self.label_of
        edges = self.dataset.edges
        repeated: list[tuple[EdgeKey, str, int, str]] = []  # (edge, file, row, column) given a second time
        for refs in self.refs.values():
            file = self.files[refs.file]
            allowed, rel_type = refs.allowed, refs.rel_type
            for index, (source, target) in enumerate(zip(refs.sources, refs.targets)):
                if refs.from_labels:
                    source_label = label_of(source)
                    if source_label is None:
                        self._problem(file, refs.rows[index], "from_id", self._missing(source))
                        continue
                    if source_label not in refs.from_labels:
                        self._problem(
                            file,
                            refs.rows[index],
                            "from_id",
                            f"a {rel_type} link cannot start at '{source}' ({source_label})",
                        )
                        continue
                target_label = label_of(target)
                if target_label is None:
                    self._problem(file, refs.rows[index], refs.column, self._missing(target))
                    continue
                if target_label not in allowed:
                    self._problem(
                        file,
                        refs.rows[index],
                        refs.column,
                        f"'{target}' is a {target_label}; expected {' or '.join(allowed)}",
                    )
                    continue
                key = (rel_type, target, source) if refs.reverse else (rel_type, source, target)
                if not edges.add(key, refs.props if refs.row_props is None else refs.row_props[index]):
                    repeated.append((key, file, refs.rows[index], refs.column))
        own_indicator = [
            key for key in edges.of_type(model.CONTRIBUTES_TO.name) if (model.MEASURED_BY.name, key[1], key[2]) in edges
        ]
        if not (repeated or own_indicator):
            return
        first = self._first_given({key for key, *_ in repeated} | set(own_indicator))
        for (rel_type, start, end), file, number, column in repeated:
            first_file, first_row, _ = first[(rel_type, start, end)]
            self._problem(
                file,
                number,
                column,
                f"the same {rel_type} link {start} -> {end} is already given at {first_file}:{first_row}",
            )
        for key in own_indicator:
            self._problem(
                *first[key],
                f"'{key[2]}' is an indicator of '{key[1]}' itself: "
                "an element cannot contribute to its own indicator (it would support itself)",
            )

    def _missing(self, key: str) -> str:
        """Why a referenced id is nowhere: its defining row was refused (say which), or it exists nowhere."""
        origin = self.refused.get(key)
        if origin is not None:
            return f"'{key}' is defined at {self._where(origin)}, which was refused"
        return f"'{key}' does not exist in this import or in the database"

    def _foreign(self) -> None:
        """Ids the files define that belong to another dataset in the database: refused, not taken over.
        (Checked here so that a dry run reports them with every other problem; inside the import's transaction
        the uniqueness constraints refuse them again, where no concurrent import can slip in between.)"""
        if self.owners is None or not self.dataset.name or (self.owners_only_with_problems and not self.problems):
            return
        found: dict[str, dict[Any, str | None]] = {}
        for label in _LABEL_OF_FILE:
            if label is not None and self.dataset.nodes.get(label):
                owned = self.owners(label, self.dataset.nodes[label], self.dataset.name)
                if owned:
                    found[label] = owned
        self.problems += self.dataset.foreign_problems(found)

    def _first_given(self, wanted: set[EdgeKey]) -> dict[EdgeKey, tuple[str, int | None, str | None]]:
        """Where each of `wanted` was first given (one more pass over the references: only on problems)."""
        first: dict[EdgeKey, tuple[str, int | None, str | None]] = {}
        for refs in self.refs.values():
            for index, (source, target) in enumerate(zip(refs.sources, refs.targets)):
                key = (refs.rel_type, target, source) if refs.reverse else (refs.rel_type, source, target)
                if key in wanted and key not in first:
                    first[key] = located(self.locators, self.files[refs.file], refs.rows[index], refs.column)
        return first

    # -- helpers ---------------------------------------------------------------------------------------

    def _dataset_name(self) -> str:
        if self.requested_name:
            return self.requested_name
        if len(self.roots) == 1:
            return self.roots[0]
        if not self.problems:
            self._problem(
                self.files[SourceFile.UNITS],
                None,
                None,
                f"{len(self.roots)} top-level units (without parent_id) were found: name the dataset with --dataset",
            )
        return ""

    def _name_version(self) -> None:
        """The dataset key of the version the files are of (graph/versions.py): `<pemda>@<name>` when a version is
        named, else the Pemda's name as before versions; a name or period that cannot be used is a problem."""
        request = self.version_request or VersionRequest()
        if not self.dataset.name:
            return
        try:
            self.dataset.version = versions.describe(self.dataset.name, request.name, request.kind, request.period)
        except VersionError as refused:
            self._problem(self.files[SourceFile.UNITS], None, None, str(refused))
            return
        self.dataset.name = self.dataset.version.dataset

    def _problem(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(*located(self.locators, file, row, column), message))

    def _warn(self, file: str, row: int | None, column: str | None, message: str) -> None:
        """A warning never blocks the import; past MAX_WARNINGS they are only counted (a file of a million rows
        without targets must not hold a million messages)."""
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(ImportProblem(*located(self.locators, file, row, column), message))
        else:
            self.warnings_left_out += 1

    def all_warnings(self) -> list[ImportProblem]:
        """The warnings in file and row order, with one last line counting those left out."""
        listed = sorted(self.warnings, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        if self.warnings_left_out:
            listed.append(ImportProblem("import", None, None, f"{self.warnings_left_out} more warning(s) not listed"))
        return listed


def _common(value: Any) -> Any:
    """One shared copy of a value that repeats across rows (a unit id, a position, a level)."""
    return sys.intern(value) if type(value) is str else value


def located(
    locators: Mapping[str, Callable[[int | None, str | None], tuple[str, int | None, str | None]]],
    file: str,
    row: int | None,
    column: str | None,
) -> tuple[str, int | None, str | None]:
    """(file, row, column) as the planner finds them: a table made from matriks sheets points back at the sheet,
    row and column each of its rows came from; any other table's rows are where they are."""
    locate = locators.get(file)
    return locate(row, column) if locate is not None else (file, row, column)
