"""One typed row model per import file: pydantic checks each cell and names the column that is wrong."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo, field_validator

from graph.importer.values import CellError, parse_number, split_ids, validate_nip
from graph.model import ACTIVITY_KINDS, ASSIGNED_TO, CONTRIBUTES_TO, GOAL_LEVELS, POLARITIES, UNIT_KINDS


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


def _number(integral: bool = False, minimum: float | None = None):
    def parse(value: Any) -> Any:
        if value is None:
            return None
        try:
            number = parse_number(value, integral=integral)
        except CellError as exc:
            raise ValueError(str(exc)) from None
        if minimum is not None and number < minimum:
            raise ValueError(f"{number} is negative; it must be {minimum} or more")
        return number
    return parse


def _nip(value: Any) -> Any:
    if value is None:
        return None
    try:
        return validate_nip(value)
    except CellError as exc:
        raise ValueError(str(exc)) from None


def _year(value: Any) -> Any:
    number = _number(integral=True)(value)
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


def _optional_positive(value: Any) -> Any:
    number = _number()(value)
    if number is not None and number <= 0:
        raise ValueError("a weight must be more than 0")
    return number


Id = Annotated[str, BeforeValidator(_text)]
Text = Annotated[str, BeforeValidator(_text)]
IdList = Annotated[list[str], BeforeValidator(split_ids)]
Amount = Annotated[Optional[float], BeforeValidator(_number(minimum=0))]
Figure = Annotated[Optional[float], BeforeValidator(_number())]
Budget = Annotated[Optional[Union[int, float]], BeforeValidator(_number(integral=True, minimum=0))]
Year = Annotated[int, BeforeValidator(_year)]
Nip = Annotated[str, BeforeValidator(_nip)]
OptionalNip = Annotated[Optional[str], BeforeValidator(_nip)]
Weight = Annotated[float, BeforeValidator(lambda v: 1 if v is None else _number()(v)), AfterValidator(_positive)]


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, str_min_length=1)


class UnitRow(Row):
    id: Id
    name: Text
    kind: Annotated[Literal[UNIT_KINDS], BeforeValidator(_choice)]
    parent_id: Optional[Id] = None


class GoalRow(Row):
    id: Id
    level: Annotated[Literal[GOAL_LEVELS], BeforeValidator(_choice)]
    statement: Text
    unit_id: Optional[Id] = None
    contributes_to: IdList = []


class IndicatorRow(Row):
    id: Id
    goal_id: Id
    name: Text
    satuan: Optional[Text] = None
    polarity: Annotated[Literal[POLARITIES], BeforeValidator(_choice)]
    year: Year
    baseline: Figure = None
    target: Amount = None
    target_min: Amount = None
    target_max: Amount = None
    realisasi: Figure = None
    iku: Annotated[Optional[bool], BeforeValidator(_flag)] = None
    weight: Annotated[Optional[float], BeforeValidator(_optional_positive)] = None
    target_tw1: Amount = None
    target_tw2: Amount = None
    target_tw3: Amount = None
    target_tw4: Amount = None
    realisasi_tw1: Figure = None
    realisasi_tw2: Figure = None
    realisasi_tw3: Figure = None
    realisasi_tw4: Figure = None

    @field_validator("target_max")
    @classmethod
    def _range_in_order(cls, value: float | None, info: ValidationInfo) -> float | None:
        """A stabil indicator's range must read low to high (docs/capaian.md)."""
        low = info.data.get("target_min")
        if value is not None and low is not None and value < low:
            raise ValueError(f"{value} is below target_min {low}; the range must read from low to high")
        return value


class ActivityRow(Row):
    id: Id
    kind: Annotated[Literal[ACTIVITY_KINDS], BeforeValidator(_choice)]
    code: Optional[Text] = None
    name: Text
    unit_id: Optional[Id] = None
    parent_id: Optional[Id] = None
    year: Year
    budget: Budget = None
    contributes_to: IdList = []


class StaffRow(Row):
    nip: Nip
    name: Text
    position: Optional[Text] = None
    unit_id: Optional[Id] = None
    supervisor_nip: OptionalNip = None
    assigned_to: IdList = []


class LinkRow(Row):
    from_id: Id
    type: Annotated[Literal[(CONTRIBUTES_TO.name, ASSIGNED_TO.name)], BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)]
    to_id: Id
    weight: Weight = 1.0


ROW_MODELS: dict[str, type[Row]] = {
    "units": UnitRow, "goals": GoalRow, "indicators": IndicatorRow, "activities": ActivityRow,
    "staff": StaffRow, "links": LinkRow,
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
