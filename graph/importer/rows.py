"""One typed row model per import file: pydantic checks each cell and names the column that is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from graph.importer.number_style import ColumnStyle
from graph.importer.values import (
    AmbiguousNumber,
    CellError,
    Figure,
    parse_number,
    plain_text,
    read_figure,
    split_ids,
    validate_nip,
)
from graph.model import ACTIVITY_KINDS, ASSIGNED_TO, CONTRIBUTES_TO, GOAL_LEVELS, POLARITIES, UNIT_KINDS

if TYPE_CHECKING:  # the choices are built from the model's tuples at run time: strings to the type checker
    UnitKind: TypeAlias = str
    GoalLevel: TypeAlias = str
    Polarity: TypeAlias = str
    ActivityKind: TypeAlias = str
    LinkType: TypeAlias = str
else:  # pydantic checks a cell against graph/model.py's values and names them in its message
    UnitKind = Literal[UNIT_KINDS]
    GoalLevel = Literal[GOAL_LEVELS]
    Polarity = Literal[POLARITIES]
    ActivityKind = Literal[ACTIVITY_KINDS]
    LinkType = Literal[CONTRIBUTES_TO.name, ASSIGNED_TO.name]


def _text(value: Any) -> Any:
    """Cells from a workbook may be numbers; an id like 101 or 1.0 reads as the text '101' / '1'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _choice(value: Any) -> Any:
    """`Perangkat Daerah`, `SASARAN-PROGRAM` and `sasaran_program` are the same choice."""
    if isinstance(value, str):
        return "_".join(value.strip().lower().replace("-", " ").split())
    return value


def _column_style(info: ValidationInfo | None) -> ColumnStyle | None:
    """The number style of the cell's column (number_style), when the caller gave the file's styles as the
    validation context ({"styles": {column: ColumnStyle}})."""
    context = info.context if info is not None else None
    if not context or info is None or info.field_name is None:
        return None
    return context.get("styles", {}).get(info.field_name)


def _cell_error(exc: CellError, style: ColumnStyle | None) -> ValueError:
    """The message of a refused cell; an ambiguous number says why its column did not decide it."""
    if isinstance(exc, AmbiguousNumber) and style is not None:
        return ValueError(f"{exc} {style.why_undecided()}")
    return ValueError(str(exc))


def _number(integral: bool = False, minimum: float | None = None):
    def parse(value: Any, info: ValidationInfo | None) -> Any:
        if value is None:
            return None
        style = _column_style(info)
        try:
            number = parse_number(value, integral=integral, style=style.decided if style else None)
        except CellError as exc:
            raise _cell_error(exc, style) from None
        if minimum is not None and number < minimum:
            raise ValueError(f"{number} is negative; it must be {minimum} or more")
        return number

    return parse


def _figure(minimum: float | None = None):
    """A figure as written (values.read_figure): a number with its unit, a qualitative text, or no value."""

    def parse(value: Any, info: ValidationInfo) -> Any:
        style = _column_style(info)
        try:
            figure = read_figure(value, style.decided if style else None)
        except CellError as exc:
            raise _cell_error(exc, style) from None
        if minimum is not None and figure.number is not None and figure.number < minimum:
            raise ValueError(f"{figure.number} is negative; it must be {minimum} or more")
        return figure

    return parse


def _nip(value: Any) -> Any:
    if value is None:
        return None
    try:
        return validate_nip(value)
    except CellError as exc:
        raise ValueError(str(exc)) from None


def _year(value: Any) -> Any:
    number = _number(integral=True)(value, None)
    if number is None:
        return None
    if not (isinstance(number, int) and 2000 <= number <= 2100):
        raise ValueError(f"'{value}' is not a year")
    return number


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError("a weight must be more than 0")
    return value


_YES = ("ya", "y", "true", "1", "iku", "yes")
_NO = ("tidak", "t", "false", "0", "bukan", "no", "n")


def _flag(value: Any) -> Any:
    """`ya`/`tidak` (also true/false, 1/0, yes/no, `iku`/`bukan`); empty is "not said" (None)."""
    if value is None or isinstance(value, bool):
        return value
    text = str(_text(value)).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{value}' is not ya/tidak (true/false)")


def _optional_positive(value: Any, info: ValidationInfo) -> Any:
    number = _number()(value, info)
    if number is not None and number <= 0:
        raise ValueError("a weight must be more than 0")
    return number


Id = Annotated[str, BeforeValidator(_text)]
Text = Annotated[str, BeforeValidator(lambda value: plain_text(_text(value)))]  # rich-text markup taken out
IdList = Annotated[list[str], BeforeValidator(split_ids)]
Amount = Annotated[float | None, BeforeValidator(_number(minimum=0))]
TargetCell = Annotated[Figure | None, BeforeValidator(_figure(minimum=0))]
FigureCell = Annotated[Figure | None, BeforeValidator(_figure())]
Budget = Annotated[int | float | None, BeforeValidator(_number(integral=True, minimum=0))]
Year = Annotated[int, BeforeValidator(_year)]
Nip = Annotated[str, BeforeValidator(_nip)]
OptionalNip = Annotated[str | None, BeforeValidator(_nip)]
Weight = Annotated[
    float, BeforeValidator(lambda v, info: 1 if v is None else _number()(v, info)), AfterValidator(_positive)
]


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, str_min_length=1)


class UnitRow(Row):
    id: Id
    name: Text
    kind: Annotated[UnitKind, BeforeValidator(_choice)]
    parent_id: Id | None = None


class GoalRow(Row):
    id: Id
    level: Annotated[GoalLevel, BeforeValidator(_choice)]
    statement: Text
    unit_id: Id | None = None
    contributes_to: IdList = []


class IndicatorRow(Row):
    id: Id
    goal_id: Id | None = None  # a Goal (as before); or
    element_id: Id | None = None  # a Goal or an Activity: one of the two per row (build.Builder._indicators)
    name: Text
    definition: Text | None = None  # definisi operasional / formulasi, shown by the IKU document
    satuan: Text | None = None
    polarity: Annotated[Polarity | None, BeforeValidator(_choice)] = None  # default positif
    year: Year
    baseline: FigureCell = None
    target: TargetCell = None
    target_min: Amount = None  # a stabil indicator's range (docs/capaian.md)
    target_max: Amount = None
    realisasi: FigureCell = None
    iku: Annotated[bool | None, BeforeValidator(_flag)] = None
    weight: Annotated[float | None, BeforeValidator(_optional_positive)] = None
    target_tw1: TargetCell = None
    target_tw2: TargetCell = None
    target_tw3: TargetCell = None
    target_tw4: TargetCell = None
    realisasi_tw1: FigureCell = None
    realisasi_tw2: FigureCell = None
    realisasi_tw3: FigureCell = None
    realisasi_tw4: FigureCell = None
    target_akhir: TargetCell = None  # the period's end target (kondisi akhir periode): Indicator.target_end

    @field_validator("target_max")
    @classmethod
    def _range_in_order(cls, value: float | None, info: ValidationInfo) -> float | None:
        """A stabil indicator's range must read low to high (docs/capaian.md)."""
        low = info.data.get("target_min")
        if value is not None and low is not None and value < low:
            raise ValueError(f"{value} is below target_min {low}; the range must read from low to high")
        return value


# The figure columns of indicators.csv (number_style.FIGURE_COLUMNS), each a values.Figure; a qualitative one is
# kept in `<column>_text`.


class ActivityRow(Row):
    id: Id
    kind: Annotated[ActivityKind, BeforeValidator(_choice)]
    code: Text | None = None
    name: Text
    unit_id: Id | None = None
    parent_id: Id | None = None
    year: Year
    budget: Budget = None
    contributes_to: IdList = []


class StaffRow(Row):
    nip: Nip  # a PNS's NIP or a PPPK's NI PPPK
    name: Text
    position: Text | None = None
    position_id: Id | None = None  # the id of the position (jabatan) the person holds, unique in the file
    unit_id: Id | None = None
    supervisor_nip: OptionalNip = None
    supervisor: Id | None = None  # the atasan: a NIP / NI PPPK, or a position_id of this file
    assigned_to: IdList = []


class LinkRow(Row):
    from_id: Id
    type: Annotated[LinkType, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)]
    to_id: Id
    weight: Weight = 1.0


ROW_MODELS: dict[str, type[Row]] = {
    "units": UnitRow,
    "goals": GoalRow,
    "indicators": IndicatorRow,
    "activities": ActivityRow,
    "staff": StaffRow,
    "links": LinkRow,
}


def required_columns(model: type[Row]) -> list[str]:
    return [name for name, info in model.model_fields.items() if info.is_required()]


def cell_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(column, message) for each cell pydantic refused, in words a planner understands."""
    problems = []
    for item in error.errors():
        column = str(item["loc"][0]) if item["loc"] else ""
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in ("missing", "string_too_short") or (item["type"] == "string_type" and item["input"] is None):
            message = "a value is required"
        problems.append((column, message))
    return problems
