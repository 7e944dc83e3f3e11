"""The matriks Renstra: a wide sheet, one row per program / kegiatan / sub kegiatan, as Pemda keep it.

A sheet is recognised by its headers (matriks_headers). Each sheet is turned into the rows of the
import's own tables (units, goals, indicators, activities) with the origin of every produced row
(workbook:sheet, row, the column each field came from), so that the ordinary validation (rows.py, build.py)
checks them and reports `book.xlsx:Sheet:row: column: message`.

What the sheet means, and what is built from it (docs/import-format.md says the same for planners):
- Tujuan and Sasaran columns (merged over many rows, or written once and left blank below) become Goals
  of level tujuan and sasaran of the sheet's OPD, the sasaran contributing to its tujuan.
- The kode (five cells: urusan, bidang, program, kegiatan, sub kegiatan, or one dotted code) gives each row's
  level and its parent: a kegiatan is PART_OF the program above it with the same code, and so on. A
  bidang-urusan row (totals) is skipped. A program contributes to the sasaran of its row.
- Each year of the period becomes its own Activity (id `OPD-code-year`), as the annual trees are: the year's
  Rp is its budget. An activity exists in the years that give it a Rp or a target (and in its children's).
  A program's or kegiatan's Rp is the sum of the level below: it is checked (a warning when it differs) and
  not stored when the level below carries budgets, so a pagu is never counted twice.
- Indicators: 'Indikator Sasaran' on the sasaran; the program / kegiatan indicator on the activity of each
  year (one IndicatorYear, that year's target, the capaian awal as baseline); a row that only adds an
  indicator adds it to the element above. Targets are read as written: `25 OPD` is 25 with satuan OPD,
  `42.50%` 42.5 %, `A` kept as a qualitative target (`target_text`), `n/a`, `-` and blanks no value. A `1,500`
  is read in the number style its own column shows (number_style; a problem at its cell where the column shows
  both styles or none). A 'Definisi Operasional' / 'Formulasi' column gives the row's indicator its definition;
  the target of the 'Kondisi Kinerja pada Akhir Periode' column is its end target (Indicator.target_end, read
  as the year targets are: `A` kept as `target_end_text`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from graph.importer.errors import ImportProblem
from graph.importer.matriks_headers import CODE_PARTS, Role, classify, is_sub_header, label_text, parse_mapping_field
from graph.importer.number_style import ColumnStyle
from graph.importer.values import AmbiguousNumber, CellError, parse_number

HEADER_SEARCH_ROWS = 30
MAX_HEADER_ROWS = 8
_FIELDS_FOR_DETECTION = {"tujuan", "sasaran", "indikator_sasaran", "kode", "nama", "indikator", "unit"}
_OPD_WORDS = re.compile(
    r"\b(dinas|badan|inspektorat|sekretariat|kecamatan|kantor|satuan polisi|satpol|rsud|"
    r"rumah sakit|bagian|kelurahan)\b.*",
    re.IGNORECASE,
)
_PEMDA = re.compile(r"\b(kabupaten|kab\.|kota|provinsi|prov\.)\s+([a-z][a-z .'-]*[a-z])", re.IGNORECASE)
_PERIOD = re.compile(r"\b(20\d\d)\s*(?:-|–|s\.?\s*d\.?|sampai)\s*(20\d\d)\b")
_NO_VALUE = {"", "-", "--", "n/a", "na", "n.a", "n.a.", "#n/a", "tidak ada", "x", "?"}
_STOPWORDS = {"dan", "&", "serta", "pada", "di", "kabupaten", "kota", "provinsi", "kab", "the", "of", "daerah"}
_CODE_PATTERNS = {
    "kode_urusan": re.compile(r"^([1-9x])$", re.IGNORECASE),
    "kode_bidang": re.compile(r"^(\d{2}|x{2})$", re.IGNORECASE),
    "kode_program": re.compile(r"^(\d{2})$"),
    "kode_kegiatan": re.compile(r"^(\d\.\d{2})$"),
    "kode_subkegiatan": re.compile(r"^(\d{4})$"),
}
_ABBREVIATION = re.compile(r"[A-Za-z][A-Za-z0-9.&-]{1,19}")
_GENERIC_SHEET = re.compile(r"(sheet|lembar|matriks|renstra|renja|data|tabel|table)\s*\d*", re.IGNORECASE)
LEVELS = ("urusan", "bidang", "program", "kegiatan", "subkegiatan")


@dataclass
class MatriksOptions:
    """What the command line adds: unusual headers mapped, the period's first year, the Pemda's name."""

    mapping: dict[str, Role] = field(default_factory=dict)  # normalised header text -> role
    period_start: int | None = None
    pemda: str | None = None


def load_mapping(path: Path) -> dict[str, Role]:
    """--mapping FILE: JSON {"header": "field"}, YAML `header: field` lines, or CSV `header,field` rows."""
    text = Path(path).read_text(encoding="utf-8-sig")
    pairs: list[tuple[str, str]] = []
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError('the mapping must be an object {"header": "field"}')
        pairs = [(str(key), str(value)) for key, value in data.items()]
    else:
        separator = ":" if path.suffix.lower() in (".yaml", ".yml") else None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            sep = separator or (";" if line.count(";") > line.count(",") else ",")
            header, found, target = line.rpartition(sep)
            if not found or not header.strip():
                raise ValueError(f"{path.name}:{number}: expected 'header{sep} field'")
            pairs.append((header.strip().strip("'\""), target.strip().strip("'\"")))
    mapping: dict[str, Role] = {}
    for header, target in pairs:
        try:
            mapping[label_text(header)] = parse_mapping_field(target)
        except ValueError as exc:
            raise ValueError(f"{path.name}: {header}: {exc}") from None
    return mapping


# -- the sheet as a planner sees it ------------------------------------------------------------------------


@dataclass
class Cell:
    value: Any
    number_format: str = "General"
    merged_from: int | None = None  # the row (0-based) of the merge's first cell, when filled from a merge


def read_grid(rows: Iterable[Iterable[Any]], merged: Iterable[str]) -> list[list[Cell]]:
    """The sheet's cells by row (openpyxl cells, read-only mode is enough), every cell of a merged range
    (`A1:C3`) holding the value of its first cell."""
    grid = [
        [Cell(getattr(cell, "value", None), getattr(cell, "number_format", None) or "General") for cell in row]
        for row in rows
    ]
    width = max((len(row) for row in grid), default=0)
    for row in grid:
        row.extend(Cell(None) for _ in range(width - len(row)))
    for text in merged:
        min_col, min_row, max_col, max_row = range_boundaries(text)
        if min_row > len(grid) or min_col > width:
            continue
        first = grid[min_row - 1][min_col - 1]
        for at_row in range(min_row, min(max_row, len(grid)) + 1):
            for col in range(min_col, min(max_col, width) + 1):
                if (at_row, col) != (min_row, min_col):
                    grid[at_row - 1][col - 1] = Cell(first.value, first.number_format, min_row - 1)
    return grid


def shown(cell: Cell) -> str:
    """The text the spreadsheet shows for a cell (numbers as their format draws them: 03, 2.01, 42.50%)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        fmt = cell.number_format.split(";")[0]
        if "%" in fmt:
            decimals = len(fmt.split(".")[1].split("%")[0]) if "." in fmt else 0
            return f"{value * 100:.{decimals}f}%"
        zeros = re.fullmatch(r"(0+)(?:\.(0+))?", fmt.strip())
        if zeros:
            whole, fraction = zeros.group(1), zeros.group(2) or ""
            text = f"{value:.{len(fraction)}f}"
            head, dot, tail = text.partition(".")
            return head.zfill(len(whole)) + dot + tail
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value))
    return str(value).strip()


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- the header ---------------------------------------------------------------------------------------------


@dataclass
class Column:
    index: int
    label: str  # the header texts joined by " / ", as written
    role: Role
    mapped: bool = False

    @property
    def name(self) -> str:
        """How a problem names the column: its letter and header."""
        return f"{column_letter(self.index)} ({self.label})" if self.label else column_letter(self.index)


@dataclass
class Header:
    first: int  # 0-based row indexes of the header block
    last: int
    columns: list[Column]
    titles: list[str]


def find_header(grid: list[list[Cell]], mapping: dict[str, Role]) -> Header | None:
    """The header block of a matriks sheet, or None when the sheet is not one."""
    for start in range(min(HEADER_SEARCH_ROWS, len(grid))):
        roles = {
            _role_of([label_text(shown(cell))], mapping).field
            for cell in grid[start]
            if cell.merged_from is None and shown(cell)
        }
        if len(roles & _FIELDS_FOR_DETECTION) >= 3 and ({"kode", "nama"} & roles):
            break
    else:
        return None
    last = start
    while last + 1 < len(grid) and last + 1 - start < MAX_HEADER_ROWS:
        own = [cell.value for cell in grid[last + 1] if cell.merged_from is None and shown(cell)]
        merged_from_header = any(
            cell.merged_from is not None and start <= cell.merged_from <= last for cell in grid[last + 1]
        )
        if own and not all(is_sub_header(value) for value in own):
            break
        if not own and not merged_from_header:
            break
        last += 1
    numbering = {
        row
        for row in range(start + 1, last + 1)
        if all(
            isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and c.value < 100
            for c in grid[row]
            if c.merged_from is None and c.value is not None
        )
    }
    width = max(len(row) for row in grid[start : last + 1])
    columns: list[Column] = []
    for index in range(width):
        parts: list[str] = []
        for row in range(start, last + 1):
            if row in numbering or index >= len(grid[row]):
                continue
            text = " ".join(shown(grid[row][index]).split())
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        role = _role_of([label_text(part) for part in parts], mapping)
        mapped = any(label_text(text) in mapping for text in [" / ".join(parts), *parts])
        columns.append(Column(index, " / ".join(parts), role, mapped))
    _split_code_columns(columns)
    titles = [" ".join(shown(cell) for cell in row if shown(cell)) for row in grid[:start]]
    return Header(start, last, columns, [title for title in titles if title])


def _role_of(parts: list[str], mapping: dict[str, Role]) -> Role:
    for text in [" / ".join(parts), *reversed(parts)]:
        if text in mapping:
            return mapping[text]
    return classify(parts)


def _split_code_columns(columns: list[Column]) -> None:
    """Several 'Kode' columns (one merged header over five cells): urusan, bidang, program, kegiatan, sub kegiatan
    in order; one 'Kode' column holds the whole dotted code."""
    plain = [column for column in columns if column.role.field == "kode"]
    if len(plain) > 1:
        for column, part in zip(plain, CODE_PARTS[-len(plain) :] if len(plain) < 5 else CODE_PARTS):
            column.role = Role(part)


# -- values as written -----------------------------------------------------------------------------------------


@dataclass
class Figure:
    """A target or capaian as written: a number and its satuan, or a text without a number, or nothing."""

    number: float | int | None = None
    satuan: str | None = None
    text: str | None = None

    @property
    def present(self) -> bool:
        return self.number is not None or self.text is not None


_LEADING_NUMBER = re.compile(r"^\s*(-?\d[\d.,]*)\s*(%?)\s*(.*)$", re.DOTALL)


def read_figure(cell: Cell, style: ColumnStyle | None = None) -> Figure:
    """`25 OPD` -> 25 OPD; 0.425 formatted as 0.00% -> 42.5 %; `42.50%` -> 42.5 %; `A` -> text; `n/a`, `-` -> nothing.
    `1,500 OPD` is read in the style of its column (`style`, number_style); where the column does not decide it,
    AmbiguousNumber is raised, saying why."""
    value = cell.value
    if value is None or isinstance(value, bool):
        return Figure()
    if isinstance(value, (int, float)):
        if "%" in cell.number_format.split(";")[0]:
            return Figure(_tidy(round(value * 100, 6)), "%")
        return Figure(_tidy(value))
    text = " ".join(str(value).split())
    if text.lower() in _NO_VALUE or not re.search(r"\w", text):
        return Figure()
    match = _LEADING_NUMBER.match(text)
    if match:
        try:
            number = parse_number(match.group(1) + match.group(2), style=style.decided if style else None)
        except AmbiguousNumber as exc:
            raise _undecided(exc, style) from None
        except CellError:
            number = None
        if number is not None:
            rest = match.group(3).strip()
            satuan = "%" if match.group(2) else (rest or None)
            if match.group(2) and rest:
                satuan = f"% {rest}"
            if satuan and len(satuan) > 40:
                return Figure(text=text)
            return Figure(number, satuan)
    return Figure(text=text)


def read_money(cell: Cell, style: ColumnStyle | None = None) -> tuple[int | float | None, str | None]:
    """A Rp cell: (rupiah, None), (None, None) for blank, `-` or 0, or (None, message) when unreadable (`1,500` is
    read in the style of its column, `style`, and is unreadable where the column does not decide it)."""
    value = cell.value
    if value is None:
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (None, None) if value == 0 else (_tidy(value), None)
    text = " ".join(str(value).split())
    if text.lower() in _NO_VALUE:
        return None, None
    try:
        number = parse_number(text, integral=True, style=style.decided if style else None)
    except AmbiguousNumber as exc:
        return None, str(_undecided(exc, style))
    except CellError as exc:
        return None, str(exc)
    if number < 0:
        return None, f"{number} is negative; it must be 0 or more"
    return (None, None) if number == 0 else (number, None)


def _tidy(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def _figure_or_ambiguous(cell: Cell) -> bool:
    """Whether a cell holds a figure (an ambiguous number is one, whose problem is reported where it is read)."""
    try:
        return read_figure(cell).present
    except AmbiguousNumber:
        return True


def _undecided(exc: AmbiguousNumber, style: ColumnStyle | None) -> AmbiguousNumber:
    return AmbiguousNumber(f"{exc} {style.why_undecided()}") if style is not None else exc


# -- what the sheets build ------------------------------------------------------------------------------------


@dataclass
class Origin:
    """Where a produced row comes from: `book.xlsx:Sheet`, the row, and the column each field was read from."""

    file: str
    row: int | None
    columns: dict[str, str] = field(default_factory=dict)

    def locate(self, column: str | None) -> tuple[str, int | None, str | None]:
        return self.file, self.row, self.columns.get(column or "", column)


@dataclass
class Produced:
    """The rows of the import's tables that the matriks sheets make, with their origins."""

    rows: dict[str, list[tuple[Origin, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[ImportProblem] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)


@dataclass
class _Indicator:
    id: str
    name: str
    origin: Origin
    satuan: str | None = None
    baseline: Figure = field(default_factory=Figure)
    targets: dict[int, Figure] = field(default_factory=dict)
    definition: str | None = None  # the Definisi Operasional / Formulasi column, when the sheet has one
    target_end: Figure = field(default_factory=Figure)  # the kondisi akhir periode target, when the sheet has one


def _element_columns(name_column: Column | None) -> dict[str, str]:
    """The matriks column each field of an element's Activity comes from, so that a problem found later names it."""
    return {
        "name": name_column.name if name_column else "nama",
        "code": "kode",
        "kind": "kode",
        "unit_id": "unit",
        "parent_id": "kode",
        "contributes_to": "sasaran",
    }


@dataclass
class _Element:
    """A program, kegiatan or sub kegiatan of one OPD over the period (one Activity per year when written)."""

    code: str
    level: str
    name: str
    origin: Origin
    unit_id: str
    opd: str
    parent: _Element | None
    sasaran: list[str] = field(default_factory=list)
    money: dict[int, int | float] = field(default_factory=dict)
    money_columns: dict[int, str] = field(default_factory=dict)
    indicators: list[_Indicator] = field(default_factory=list)
    children: list[_Element] = field(default_factory=list)
    years: set[int] = field(default_factory=set)


@dataclass
class _Unit:
    id: str
    name: str
    kind: str
    parent_id: str | None
    origin: Origin
    aliases: set[str] = field(default_factory=set)


class UnitRegister:
    """The units rows refer to: those of the workbook's units sheet, or the Pemda and OPD the sheets name."""

    def __init__(self, known: list[tuple[str, str, str | None]] | None, pemda: str | None):
        self.known = known  # (id, name, parent_id) from a units sheet, or None: units are created
        self.created: dict[str, _Unit] = {}
        self.pemda_name = pemda
        self.pemda_origin: Origin | None = None
        self._matched: dict[str, str] = {}
        self._unit_keys: list[tuple[str, tuple[Any, ...]]] = []

    def match(self, text: str) -> str | None:
        """The id of the unit that `text` names (its id, its name, or its name's abbreviation), if any."""
        if text in self._matched:
            return self._matched[text]
        key, abbreviation = _unit_key(text), _abbreviation(text)
        found = None
        for unit_id, keys in self._keys():
            if key in keys[:3] or abbreviation == keys[1] or keys[3] == key or key in keys[4]:
                found = unit_id
                break
        if found is not None:
            self._matched[text] = found
        return found

    def _keys(self) -> list[tuple[str, tuple[Any, ...]]]:
        """Per unit: (id key, name key, name's abbreviation, id's last word, aliases), computed once per unit."""
        units = (
            [(unit_id, name, set()) for unit_id, name, _ in self.known]
            if self.known is not None
            else [(unit.id, unit.name, unit.aliases) for unit in self.created.values()]
        )
        for unit_id, name, aliases in units[len(self._unit_keys) :]:
            words = _unit_key(unit_id).split()
            self._unit_keys.append(
                (
                    unit_id,
                    (_unit_key(unit_id), _unit_key(name), _abbreviation(name), words[-1] if words else "", aliases),
                )
            )
        return self._unit_keys

    def pemda_id(self) -> str | None:
        if self.known is not None:
            roots = [unit_id for unit_id, _, parent in self.known if not parent]
            return roots[0] if len(roots) == 1 else None
        if not self.pemda_name:
            return None
        return _slug(self.pemda_name)

    def ensure(
        self, text: str, parent_id: str | None, kind: str, origin: Origin, short: str | None = None
    ) -> str | None:
        """The unit `text` names; created (when the workbook has no units sheet) under `parent_id`."""
        found = self.match(text)
        if found is not None or self.known is not None:
            return found
        pemda = self.pemda_id()
        if pemda is None:
            return None
        if pemda not in self.created:
            self.created[pemda] = _Unit(
                pemda, _title(self.pemda_name or pemda), "pemda", None, self.pemda_origin or origin
            )
        short = _short_name(short or text)
        base = f"{parent_id or pemda}-{short}"
        unit_id, number = base, 2
        while unit_id in self.created:
            unit_id, number = f"{base}-{number}", number + 1
        name = _strip_pemda(text)
        self.created[unit_id] = _Unit(unit_id, name, kind, parent_id or pemda, origin, {_unit_key(text)})
        return unit_id

    def alias(self, unit_id: str, text: str) -> None:
        if unit_id in self.created:
            self.created[unit_id].aliases.add(_unit_key(text))
            self._matched.pop(text, None)


def _unit_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", _strip_pemda(text).lower()).split())


def _strip_pemda(text: str) -> str:
    """A unit's name without the Pemda ('... Kabupaten Sumedang') and periods or years written beside it."""
    text = re.sub(r"\btahun\b", " ", _PERIOD.sub(" ", text), flags=re.IGNORECASE)
    return " ".join(re.sub(r"\b20\d\d\b", " ", _PEMDA.sub("", text)).split()).strip(" ,.-")


def _abbreviation(name: str) -> str:
    words = [word for word in re.split(r"[^a-z0-9]+", _strip_pemda(name).lower()) if word]
    return "".join(word[0] for word in words if word not in _STOPWORDS)


def _short_name(text: str) -> str:
    stripped = _strip_pemda(text)
    if re.fullmatch(r"[A-Za-z0-9.&-]{2,20}", stripped):
        return stripped.upper().replace(".", "")
    return _abbreviation(stripped).upper()[:20] or "OPD"


def _slug(text: str) -> str:
    match = _PEMDA.search(text)
    if match:
        kind = {"kabupaten": "KAB", "kab.": "KAB", "kota": "KOTA", "provinsi": "PROV", "prov.": "PROV"}[
            match.group(1).lower()
        ]
        return f"{kind}-" + "-".join(match.group(2).upper().split())
    return "-".join(re.sub(r"[^A-Za-z0-9]+", " ", text).upper().split()) or "PEMDA"


def _title(text: str) -> str:
    return " ".join(word.capitalize() if word.isupper() or word.islower() else word for word in text.split())


# -- the conversion ----------------------------------------------------------------------------------------------


class SheetReader:
    """One matriks sheet: rows read in order, with what the rows above established (tujuan, sasaran, codes)."""

    def __init__(
        self,
        book_name: str,
        sheet: str,
        grid: list[list[Cell]],
        header: Header,
        options: MatriksOptions,
        units: UnitRegister,
        out: Produced,
        counters: dict[str, int],
    ):
        self.file = f"{book_name}:{sheet}"
        self.sheet = sheet
        self.grid = grid
        self.header = header
        self.options = options
        self.units = units
        self.out = out
        self.counters = counters
        self.by_field: dict[str, list[Column]] = defaultdict(list)
        for column in header.columns:
            if column.role.field:
                self.by_field[column.role.field].append(column)
        self.years: dict[int, tuple[Column | None, Column | None]] = {}
        self.elements: dict[tuple[str, str], _Element] = {}
        self.ordered: list[_Element] = []
        self.goal_rows: list[tuple[Origin, dict[str, Any]]] = []
        self.goal_indicators: list[_Indicator] = []
        self.workbook_period: int | None = None
        self.reported_no_pemda = False
        self.styles: dict[int, ColumnStyle] = {}  # column index -> the number style its cells show (number_style)

    def warn(self, row: int | None, column: Column | str | None, message: str) -> None:
        name = column.name if isinstance(column, Column) else column
        self.out.warnings.append(ImportProblem(self.file, row, name, message))

    def problem(self, row: int | None, column: Column | str | None, message: str) -> None:
        name = column.name if isinstance(column, Column) else column
        self.out.problems.append(ImportProblem(self.file, row, name, message))

    # -- setting up ------------------------------------------------------------------------------------------

    def titled_period(self) -> int | None:
        """The period's first year as the title rows write it ('TAHUN 2019-2023')."""
        for title in self.header.titles:
            match = _PERIOD.search(title)
            if match:
                return int(match.group(1))
        return None

    def period_start(self) -> int | None:
        """--period-start, else this sheet's title, else another sheet's title (one workbook, one Renstra)."""
        return self.options.period_start or self.titled_period() or self.workbook_period

    def discover_pemda(self) -> None:
        """The Pemda's name from the title rows or the unit column ('... Kabupaten Sumedang'), when not known yet."""
        if self.units.pemda_name is not None:
            return
        origin = Origin(self.file, self.header.first + 1)
        texts = list(self.header.titles) + [
            text
            for index, row in enumerate(self.grid[self.header.last + 1 :])
            if (text := self.text(row, "unit", index))
        ]
        for text in texts:
            found = _PEMDA.search(text)
            if found:
                self.units.pemda_name, self.units.pemda_origin = found.group(0), origin
                return

    def resolve_years(self) -> bool:
        relative = [
            column
            for column in self.header.columns
            if column.role.field in ("target", "rp") and column.role.year is None
        ]
        start = self.period_start() if relative else None
        if relative and start is None:
            self.problem(
                self.header.last + 1,
                relative[0],
                "the year columns are numbered within the period "
                "('Tahun-3'): give the period's first year with --period-start (e.g. 2019), or write "
                "the years in the header",
            )
            return False
        for column in self.header.columns:
            role = column.role
            if role.field in ("target", "rp"):
                year = role.year if role.year else (start or 0) + (role.relative or 1) - 1
                target, money = self.years.get(year, (None, None))
                if role.field == "target" and target is None:
                    target = column
                elif role.field == "rp" and money is None:
                    money = column
                else:
                    self.warn(self.header.last + 1, column, f"a second {role.field} column for {year}: not imported")
                    continue
                self.years[year] = (target, money)
                column.role = Role(role.field, year=year)
        return True

    def explain(self) -> None:
        self.out.explain.append(
            f"{self.file}: matriks sheet, header in rows {self.header.first + 1}-{self.header.last + 1}"
        )
        for column in self.header.columns:
            if not column.label and column.role.field is None:
                continue
            how = " (--mapping)" if column.mapped else ""
            self.out.explain.append(f"  {column.name}: {column.role.describe()}{how}")
        unknown = [column for column in self.header.columns if column.role.field is None and column.label]
        for column in unknown:
            self.warn(
                self.header.first + 1,
                column,
                "column not recognised: its values are not imported (name its field with --mapping, or 'ignore')",
            )

    def infer_styles(self) -> None:
        """The number style of each figure and Rp column, from its own text cells (a merged copy is not a cell)."""
        columns = [
            column for name in ("baseline", "target", "target_akhir", "rp") for column in self.by_field.get(name, ())
        ]
        for index in range(self.header.last + 1, len(self.grid)):
            row = self.grid[index]
            for column in columns:
                if column.index < len(row) and row[column.index].merged_from is None:
                    value = row[column.index].value
                    if isinstance(value, str) and ("," in value or "." in value):
                        self.styles.setdefault(column.index, ColumnStyle()).observe(value, index + 1)

    def figure(self, row: list[Cell], column: Column, number: int) -> Figure:
        """The figure in `column` of this row; an ambiguous number its column does not decide is a problem."""
        try:
            return read_figure(row[column.index], self.styles.get(column.index))
        except AmbiguousNumber as exc:
            self.problem(number, column, str(exc))
            return Figure()

    # -- reading rows ------------------------------------------------------------------------------------------

    def read(self) -> None:  # noqa: C901 - one loop over the rows: the tujuan, sasaran and element above carry over
        if not self.resolve_years():
            return
        self.explain()
        self.infer_styles()
        if "nama" not in self.by_field and not any(f in self.by_field for f in ("kode", *CODE_PARTS)):
            self.problem(self.header.first + 1, None, "no column of program / kegiatan names nor of codes")
            return
        sheet_opd = self.sheet_unit()
        tujuan: tuple[str, str] | None = None  # (statement, goal id)
        sasaran: tuple[str, str] | None = None
        sasaran_indicator: _Indicator | None = None
        last_element: _Element | None = None
        unit_text = None
        for index in range(self.header.last + 1, len(self.grid)):
            row = self.grid[index]
            number = index + 1
            texts = {
                name: self.text(row, name, number)
                for name in (
                    "tujuan",
                    "sasaran",
                    "indikator_sasaran",
                    "indikator_tujuan",
                    "nama",
                    "indikator",
                    "unit",
                    "satuan",
                    "definisi",
                )
            }
            if texts["unit"]:
                unit_text = texts["unit"]
            owner = sheet_opd or (self.unit_for(unit_text, None, number) if unit_text else None)
            if texts["tujuan"] and (tujuan is None or texts["tujuan"] != tujuan[0]):
                goal_id = self.goal("tujuan", texts["tujuan"], owner, None, number)
                tujuan, sasaran, sasaran_indicator = (texts["tujuan"], goal_id), None, None
            if texts["indikator_tujuan"] and tujuan and self.fresh(row, "indikator_tujuan"):
                indicator = self.indicator(tujuan[1], texts["indikator_tujuan"], number, "indikator_tujuan")
                self.goal_indicators.append(indicator)
            if texts["sasaran"] and (sasaran is None or texts["sasaran"] != sasaran[0]):
                goal_id = self.goal("sasaran", texts["sasaran"], owner, tujuan[1] if tujuan else None, number)
                sasaran, sasaran_indicator = (texts["sasaran"], goal_id), None
            if texts["indikator_sasaran"] and sasaran and self.fresh(row, "indikator_sasaran"):
                sasaran_indicator = self.indicator(sasaran[1], texts["indikator_sasaran"], number, "indikator_sasaran")
                self.goal_indicators.append(sasaran_indicator)
            code = self.code(row, number, texts["nama"])
            element = None
            if code is not None:
                level, full = code
                if level in ("urusan", "bidang"):
                    continue  # totals of an urusan or bidang urusan: the programs below carry them
                element = self.element(
                    level, full, texts["nama"], row, number, owner, unit_text, sasaran[1] if sasaran else None
                )
                if element is None:
                    continue
                last_element = element
            elif texts["nama"]:
                self.problem(
                    number,
                    self.by_field["nama"][0],
                    f"'{texts['nama'][:60]}' has no kode: its level and parent cannot be told (write the kode)",
                )
                continue
            figures_to: _Indicator | None = None
            if texts["indikator"] and self.fresh(row, "indikator"):
                holder = element or last_element
                if holder is None:
                    self.problem(
                        number,
                        self.by_field["indikator"][0],
                        "an indicator with no program, kegiatan or sub kegiatan above it",
                    )
                    continue
                figures_to = self.indicator(None, texts["indikator"], number, "indikator")
                holder.indicators.append(figures_to)
            elif (
                texts["indikator_sasaran"]
                and sasaran_indicator
                and self.fresh(row, "indikator_sasaran")
                and element is None
            ):
                figures_to = sasaran_indicator
            elif (
                texts["indikator_tujuan"]
                and element is None
                and self.goal_indicators
                and self.fresh(row, "indikator_tujuan")
            ):
                figures_to = self.goal_indicators[-1]
            if figures_to is not None:
                self.figures(figures_to, row, number, texts["satuan"])
                if texts["definisi"] and figures_to.definition is None:
                    figures_to.definition = texts["definisi"]
                    figures_to.origin.columns["definition"] = self.by_field["definisi"][0].name
            elif element is None and self.has_figures(row):
                self.warn(number, None, "figures on a row without an indicator or element: not imported")
        self.emit()

    def text(self, row: list[Cell], name: str, number: int) -> str | None:
        """The text of field `name` in this row: the first of its columns that holds one."""
        for column in self.by_field.get(name, ()):
            if column.index < len(row):
                value = row[column.index].value
                text = " ".join(shown(row[column.index]).split())
                if not text:
                    continue
                if name in (
                    "tujuan",
                    "sasaran",
                    "nama",
                    "indikator",
                    "indikator_sasaran",
                    "indikator_tujuan",
                ) and not re.search(r"[A-Za-z]", text):
                    if row[column.index].merged_from is None and not (isinstance(value, str) and text in "-"):
                        self.warn(number, column, f"'{text}' is not a statement: read as empty")
                    continue
                return text
        return None

    def fresh(self, row: list[Cell], name: str) -> bool:
        """False when the field's cell is filled from a merge that started on a row above (its value is that row's)."""
        for column in self.by_field.get(name, ()):
            if column.index < len(row) and row[column.index].value is not None:
                return row[column.index].merged_from is None
        return True

    def has_figures(self, row: list[Cell]) -> bool:
        for target, _ in self.years.values():
            if (
                target is not None
                and target.index < len(row)
                and row[target.index].merged_from is None
                and (row[target.index].value is not None and _figure_or_ambiguous(row[target.index]))
            ):
                return True
        return False

    def sheet_unit(self) -> str | None:
        """The sheet's OPD: named in the title rows, or the one unit the unit column names, or the sheet's name."""
        names = {
            name
            for index, row in enumerate(self.grid[self.header.last + 1 :], start=self.header.last + 1)
            if (name := self.text(row, "unit", index + 1)) is not None
        }
        for title in self.header.titles:
            match = _OPD_WORDS.search(title)
            if match:
                unit = self.unit_for(match.group(0), None, self.header.first)
                if unit:
                    for name in names:
                        if _same_unit(name, match.group(0), self.sheet):
                            self.units.alias(unit, name)
                    self.units.alias(unit, self.sheet)
                return unit
        if len(names) == 1:
            name = next(iter(names))
            unit = self.unit_for(name, None, self.header.last + 2)
            if unit:
                self.units.alias(unit, self.sheet)
            return unit
        if not names or self.units.match(self.sheet):
            return self.unit_for(self.sheet, None, self.header.first + 1)
        return None

    def unit_for(self, text: str, parent: str | None, number: int) -> str | None:
        origin = Origin(self.file, number, {"id": "unit", "name": "unit"})
        kind = "unit_kerja" if parent else "perangkat_daerah"
        short = (
            self.sheet
            if parent is None and _ABBREVIATION.fullmatch(self.sheet) and not _GENERIC_SHEET.fullmatch(self.sheet)
            else None
        )
        unit = self.units.ensure(text, parent, kind, origin, short)
        if unit is None:
            if self.units.known is not None:
                self.problem(
                    number,
                    self.by_field["unit"][0] if self.by_field.get("unit") else None,
                    f"'{text[:80]}' is no unit of the units sheet (by id, name or abbreviation)",
                )
            elif not self.units.pemda_name and not self.reported_no_pemda:
                self.reported_no_pemda = True
                self.problem(
                    None,
                    None,
                    "the Pemda is named nowhere in the workbook (title rows, unit column): "
                    "give it with --pemda (e.g. --pemda 'Kabupaten Sumedang')",
                )
        return unit

    def goal(self, level: str, statement: str, unit_id: str | None, parent: str | None, number: int) -> str:
        prefix = unit_id or self.units.pemda_id() or "PEMDA"
        key = f"{prefix}:{level}"
        self.counters[key] += 1
        goal_id = f"{prefix}-{'T' if level == 'tujuan' else 'S'}{self.counters[key]}"
        column = self.by_field[level][0].name
        origin = Origin(
            self.file,
            number,
            {"id": column, "statement": column, "level": column, "unit_id": column, "contributes_to": column},
        )
        self.goal_rows.append(
            (
                origin,
                {"id": goal_id, "level": level, "statement": statement, "unit_id": unit_id, "contributes_to": parent},
            )
        )
        return goal_id

    def indicator(self, goal_id: str | None, name: str, number: int, column_field: str) -> _Indicator:
        column = self.by_field[column_field][0].name
        owner = goal_id or "?"
        key = f"{owner}:indicator"
        self.counters[key] += 1
        return _Indicator(
            f"{owner}-I{self.counters[key]}" if goal_id else "",
            name,
            Origin(self.file, number, {"id": column, "name": column, "goal_id": column, "element_id": column}),
        )

    def figures(self, indicator: _Indicator, row: list[Cell], number: int, satuan: str | None) -> None:
        if satuan:
            indicator.satuan = indicator.satuan or satuan
        for column in self.by_field.get("baseline", ())[:1]:
            if column.index < len(row):
                indicator.baseline = self.figure(row, column, number)
                indicator.origin.columns["baseline"] = column.name
                indicator.satuan = indicator.satuan or indicator.baseline.satuan
        for column in self.by_field.get("target_akhir", ())[:1]:
            end = self.figure(row, column, number) if column.index < len(row) else Figure()
            if end.present:  # a sasaran's indicator spans rows: the row that writes it gives it
                indicator.target_end = end
                indicator.origin.columns["target_akhir"] = column.name
                indicator.satuan = indicator.satuan or end.satuan
        for year, (target, _) in self.years.items():
            if target is None or target.index >= len(row):
                continue
            figure = self.figure(row, target, number)
            if figure.present:
                indicator.targets[year] = figure
                indicator.origin.columns[f"target:{year}"] = target.name
                indicator.satuan = indicator.satuan or figure.satuan

    # -- codes ---------------------------------------------------------------------------------------------------

    def code(self, row: list[Cell], number: int, name: str | None) -> tuple[str, str] | None:
        """(level, full dotted code) of the row, or None when it has no code. Malformed parts are repaired from
        the element above (a warning that says so) or reported."""
        parts: list[tuple[str, Column]] = []
        for part in ("kode", *CODE_PARTS):
            for column in self.by_field.get(part, ()):
                if column.index < len(row) and row[column.index].value is not None:
                    text = shown(row[column.index]).strip()
                    if text and text not in ("-",):
                        parts.append((text, column))
        if not parts:
            return None
        if len(parts) == 1 and parts[0][1].role.field == "kode":
            return self.dotted(parts[0][0], parts[0][1], number, name)
        return self.split_code(parts, number, name)

    def dotted(self, text: str, column: Column, number: int, name: str | None) -> tuple[str, str] | None:
        cleaned = text.replace(",", ".").replace(" ", "")
        if cleaned != text:
            self.warn(number, column, f"kode '{text}' read as '{cleaned}'")
        pieces = cleaned.split(".")
        levels = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "subkegiatan"}
        level = levels.get(len(pieces))
        ok = (
            level is not None
            and all(re.fullmatch(r"[1-9x]|\d{2}|\d{4}|\d", piece, re.IGNORECASE) for piece in pieces)
            and (len(pieces) < 4 or re.fullmatch(r"\d", pieces[3]))
            and (len(pieces) < 6 or len(pieces[5]) == 4)
            and all(len(piece) == 2 for piece in pieces[1:3])
            and (len(pieces) < 5 or len(pieces[4]) == 2)
        )
        if level is None or not ok:
            self.problem(number, column, f"'{text}' is not a kode of the nomenclature (X.XX.XX.2.XX.XXXX)")
            return None
        return level, ".".join(pieces)

    def split_code(self, parts: list[tuple[str, Column]], number: int, name: str | None) -> tuple[str, str] | None:
        texts = [text.replace(",", ".") if re.fullmatch(r"\d,\d{2}", text) else text for text, _ in parts]
        for (text, column), fixed in zip(parts, texts):
            if fixed != text:
                self.warn(number, column, f"kode '{text}' read as '{fixed}'")
        # the level: a sub kegiatan or kegiatan part written anywhere, else the name, else the last filled cell
        if any(re.fullmatch(r"\d{4}", text) for text in texts) or parts[-1][1].role.field == "kode_subkegiatan":
            level = "subkegiatan"
        elif any(re.fullmatch(r"\d\.\d{2}", text) for text in texts) or parts[-1][1].role.field == "kode_kegiatan":
            level = "kegiatan"
        elif (name or "").lower().startswith("program") or parts[-1][1].role.field == "kode_program":
            level = "program"
        else:
            level = "bidang" if parts[-1][1].role.field == "kode_bidang" else "urusan"
        wanted = CODE_PARTS[: LEVELS.index(level) + 1]
        placed: dict[str, tuple[str, Column]] = {}
        if (
            all(column.role.field in wanted for _, column in parts)
            and [column.role.field for _, column in parts] == list(wanted[-len(parts) :])
            and parts[-1][1].role.field == wanted[-1]
        ):
            for text, (_, column), part in zip(texts, parts, wanted[-len(parts) :]):  # part: the column's field
                placed[part] = (text, column)
        else:  # cells shifted (a part missing in front): read them right-aligned on the parts the level needs
            for text, (_, column), part in zip(reversed(texts), reversed(parts), reversed(wanted)):
                placed[part] = (text, column)
        values: dict[str, str] = {}
        context = self.context_for(level, placed)
        for part in wanted:
            given: str | None
            given, given_column = placed.get(part, (None, None))
            if given is not None and _CODE_PATTERNS[part].fullmatch(given):
                values[part] = given.upper() if "x" in given.lower() else given
                continue
            label = part.removeprefix("kode_")
            repair = context.get(part) if context else None
            where = given_column or parts[0][1]
            if repair is None or context is None:
                self.problem(
                    number,
                    where,
                    f"{label} '{given}' is not a kode part"
                    if given is not None
                    else f"the {label} part of the kode is missing",
                )
                return None
            values[part] = repair
            self.warn(
                number,
                where,
                (
                    f"{label} '{given}' is not a kode part"
                    if given is not None
                    else f"the {label} part of the kode is missing"
                )
                + f"; read as '{repair}' from the kode above ({context['kode']})",
            )
        code = ".".join(values[part] for part in wanted)
        return level, code

    def context_for(self, level: str, placed: dict[str, tuple[str, Column]]) -> dict[str, str] | None:
        """The parts of the nearest element above that this row belongs under (for repairs)."""
        for element in reversed(self.ordered):
            if LEVELS.index(element.level) >= LEVELS.index(level) and element.parent is None:
                continue
            pieces = element.code.split(".")
            known = dict(
                zip(
                    CODE_PARTS,
                    pieces[:3]
                    + ([".".join(pieces[3:5])] if len(pieces) >= 5 else [])
                    + (pieces[5:6] if len(pieces) == 6 else []),
                )
            )
            agrees = all(
                known.get(part) == text
                for part, (text, _) in placed.items()
                if part in known
                and _CODE_PATTERNS[part].fullmatch(text)
                and CODE_PARTS.index(part) < LEVELS.index(level)
            )
            if agrees:
                return {**known, "kode": element.code}
        return None

    # -- elements ------------------------------------------------------------------------------------------------

    def element(
        self,
        level: str,
        code: str,
        name: str | None,
        row: list[Cell],
        number: int,
        opd: str | None,
        unit_text: str | None,
        sasaran: str | None,
    ) -> _Element | None:
        name_column = self.by_field["nama"][0] if self.by_field.get("nama") else None
        if opd is None:
            if self.units.pemda_name:
                self.problem(
                    number,
                    "unit",
                    "the unit responsible is not known (no OPD in the sheet's title, name or unit column)",
                )
            return None
        unit_id = opd
        if unit_text and self.units.match(unit_text) != opd:
            unit_id = self.unit_for(unit_text, opd, number) or opd
        existing = self.elements.get((opd, code))
        if existing is not None:
            return self.repeated(existing, level, name, row, number, sasaran, name_column)
        parent = None
        if level != "program":
            parent_code = code.rsplit(".", 2 if level == "kegiatan" else 1)[0]
            parent = self.elements.get((opd, parent_code))
            if parent is None:
                self.problem(
                    number,
                    name_column,
                    f"the {LEVELS[LEVELS.index(level) - 1]} {parent_code} of this "
                    f"{level} ({code}) is not in the sheet above it",
                )
                return None
        if not name:
            self.problem(number, name_column, f"kode {code} has no name")
            return None
        return self.added(
            _Element(
                code,
                level,
                name,
                Origin(self.file, number, _element_columns(name_column)),
                unit_id,
                opd,
                parent,
                [sasaran] if sasaran and level == "program" else [],
            ),
            row,
            number,
        )

    def added(self, element: _Element, row: list[Cell], number: int) -> _Element:
        """A new element, hung under its parent and kept in sheet order: emit walks that order, parents before
        their children, so that the years flow up from the leaves."""
        if element.parent is not None:
            element.parent.children.append(element)
        self.elements[(element.opd, element.code)] = element
        self.ordered.append(element)
        self.money(element, row, number)
        return element

    def repeated(
        self,
        existing: _Element,
        level: str,
        name: str | None,
        row: list[Cell],
        number: int,
        sasaran: str | None,
        name_column: Column | None,
    ) -> _Element:
        """A kode met again in the same OPD (the matriks repeats a program under each sasaran it serves): the
        first row's name stands, the sasaran and the Rp of this row are added to it."""
        if sasaran and level == "program" and sasaran not in existing.sasaran:
            existing.sasaran.append(sasaran)
        if name and name.lower() != existing.name.lower():
            self.warn(
                number,
                name_column,
                f"kode {existing.code} is already '{existing.name[:60]}' at row "
                f"{existing.origin.row}: the name here is not imported",
            )
        self.money(existing, row, number)
        return existing

    def money(self, element: _Element, row: list[Cell], number: int) -> None:
        for year, (_, column) in self.years.items():
            if column is None or column.index >= len(row) or row[column.index].merged_from is not None:
                continue
            amount, error = read_money(row[column.index], self.styles.get(column.index))
            if error:
                self.problem(number, column, error)
            elif amount is not None:
                element.money[year] = element.money.get(year, 0) + amount
                element.money_columns[year] = column.name

    def emit(self) -> None:
        """The produced rows: goals, their indicators, and the activities of each year with theirs."""
        out = self.out.rows
        out["goals"] += self.goal_rows
        goal_years: list[int | None] = [*sorted(self.years)] or [None]
        for indicator in self.goal_indicators:
            self.emit_indicator(indicator, indicator.id, {"goal_id": indicator.id.rsplit("-I", 1)[0]}, goal_years)
        self.settle_years()
        for element in self.ordered:
            prefix = element.opd
            for year in sorted(element.years):
                budget = element.money.get(year)
                below = [child.money.get(year) for child in element.children if year in child.years]
                if any(amount is not None for amount in below):
                    total = sum(amount for amount in below if amount is not None)
                    if budget is not None and abs(budget - total) > 0.5:
                        self.warn(
                            element.origin.row,
                            element.money_columns.get(year),
                            f"{element.code}: Rp {budget:,.0f} in {year} differs from the sum of its "
                            f"{LEVELS[LEVELS.index(element.level) + 1]} ({total:,.0f}); the pagu of the level "
                            "below is imported, this one is not",
                        )
                    budget = None
                activity_id = f"{prefix}-{element.code}-{year}"
                origin = Origin(
                    element.origin.file,
                    element.origin.row,
                    {
                        **element.origin.columns,
                        "budget": element.money_columns.get(year, "Rp"),
                        "year": element.money_columns.get(year, "Rp"),
                        "id": "kode",
                    },
                )
                parent_id = f"{prefix}-{element.parent.code}-{year}" if element.parent else None
                out["activities"].append(
                    (
                        origin,
                        {
                            "id": activity_id,
                            "kind": element.level,
                            "code": element.code,
                            "name": element.name,
                            "unit_id": element.unit_id,
                            "parent_id": parent_id,
                            "year": year,
                            "budget": budget,
                            "contributes_to": ";".join(element.sasaran) or None,
                        },
                    )
                )
                for number, indicator in enumerate(element.indicators, start=1):
                    self.emit_indicator(indicator, f"{activity_id}-I{number}", {"element_id": activity_id}, [year])

    def settle_years(self) -> None:
        """The years each element is written for: those with its Rp or a target, with those of its children
        (years flow up from the leaves); an element with none takes its parent's, or the sheet's, and one left
        with none is not imported (warned)."""
        sheet_years = sorted(self.years)
        for element in self.ordered:  # children come after their parents: years flow up from the leaves
            element.years = {year for year in element.money} | {
                year
                for indicator in element.indicators
                for year, figure in indicator.targets.items()
                if figure.text is not None or figure.number
            }
        for element in reversed(self.ordered):
            if element.parent is not None:
                element.parent.years |= element.years
        for element in self.ordered:
            if not element.years:
                element.years = set(element.parent.years if element.parent else sheet_years)
                if not element.years:
                    self.warn(element.origin.row, None, f"{element.code}: no year with a Rp or a target: not imported")

    def emit_indicator(
        self, indicator: _Indicator, indicator_id: str, owner: dict[str, Any], years: list[int | None]
    ) -> None:
        """One indicator row per year: that year's target (as written), the capaian awal on the first year."""
        rows = self.out.rows["indicators"]
        satuan = indicator.satuan
        first = min((year for year in years if year is not None), default=None)
        wanted = [year for year in years if year is not None]
        if "goal_id" in owner:  # a goal's indicator: the years it has a target for (at least one row defines it)
            wanted = [year for year in wanted if indicator.targets.get(year, Figure()).present] or wanted[:1]
        for year in wanted:
            figure = indicator.targets.get(year, Figure())
            target_column = self.years.get(year, (None, None))[0]
            where = target_column.name if target_column is not None else "target"
            columns = {**indicator.origin.columns, "target": where, "year": where}
            rows.append(
                (
                    Origin(indicator.origin.file, indicator.origin.row, columns),
                    {
                        "id": indicator_id,
                        **owner,
                        "name": indicator.name,
                        "satuan": satuan,
                        "polarity": None,
                        "definition": indicator.definition,
                        "year": year,
                        "baseline": _as_written(indicator.baseline) if year == first else None,
                        "target": _as_written(figure),
                        "target_akhir": _as_written(indicator.target_end),
                    },
                )
            )


def _as_written(figure: Figure) -> Any:
    """What the indicators table gets: the number (its unit is the indicator's satuan), or a qualitative text
    such as `A` (kept by the table's own reading as `<figure>_text`), or None for `n/a`, `-` and blanks."""
    return figure.number if figure.number is not None else figure.text


def _same_unit(name: str, title: str, sheet: str) -> bool:
    key = _unit_key(name)
    return key in (_unit_key(title), _abbreviation(title), _unit_key(sheet)) or _abbreviation(name) == _unit_key(sheet)


def matriks_header(
    rows: Iterable[Iterable[Any]], merged: Iterable[str], mapping: dict[str, Role]
) -> tuple[list[list[Cell]], Header] | None:
    """(grid, header) when the sheet is a matriks sheet."""
    grid = read_grid(rows, merged)
    header = find_header(grid, mapping)
    return (grid, header) if header else None


def convert(
    book_name: str,
    sheets: Iterable[tuple[str, list[list[Cell]], Header]],
    options: MatriksOptions,
    known_units: list[tuple[str, str, str | None]] | None,
) -> Produced:
    """The rows the matriks sheets make (see the module's docstring), with warnings, problems and --explain lines."""
    out = Produced()
    units = UnitRegister(known_units, options.pemda)
    counters: dict[str, int] = defaultdict(int)
    readers = [
        SheetReader(book_name, sheet, grid, header, options, units, out, counters) for sheet, grid, header in sheets
    ]
    period = next((found for reader in readers if (found := reader.titled_period())), None)
    for reader in readers:
        reader.discover_pemda()
        reader.workbook_period = period
    for reader in readers:
        reader.read()
    for unit in units.created.values():
        out.rows["units"].append(
            (unit.origin, {"id": unit.id, "name": unit.name, "kind": unit.kind, "parent_id": unit.parent_id})
        )
    return out
