"""What changed between two versions of a performance tree (issue 20, docs/versions.md): `pokin diff A B`,
`/api/diff` and the page `/perubahan` all show `diff(reader, a, b)`.

A version is one dataset key (`sukamaju`, `sukamaju@2026`: graph/versions.py); the same id in two versions is the
same element over time, so every comparison here matches elements by key. Each version is read whole, once, by
the `dataset` indexes of its labels and relationship types (graph/model.py), and compared in memory: a kabupaten
version is some 15,000 nodes and 25,000 edges, which one round trip per label and type brings over faster than
any per-element query could compare them in the database.

Besides what the Renja or DPA tables show side by side (elements added, removed, restated; contributions
re-parented; targets, satuan and pagu changed; staff moved), the diff states the consequences none of the tools
Pemda use today show: the pagu and the staff that lost (or gained) their path to an outcome, and the outcomes
that lost their last supporting activity. "Reaches an outcome" is the importer's fact (graph/model.py
REACH_PROPERTY) while it is current, else worked out here from the version's own edges (graph/diff_read.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from graph.db import Reader
from graph.diff_read import ELEMENTS, Version, read_version, require_versions
from graph.export import to_xlsx

ROWS_MAX: Final = 5000  # rows of one section a caller may ask for (the summary counts them all)
ROWS_DEFAULT: Final = 200
# What restates an element: its wording and its place in the tree, per label (pagu, targets and satuan, a
# staff member's unit and position have sections of their own).
RESTATED: Final[dict[str, tuple[str, ...]]] = {
    "Unit": ("name", "kind"),
    "Goal": ("statement", "level"),
    "Indicator": ("name", "polarity", "definition"),
    "Activity": ("name", "code", "kind"),
}
# Relationship types whose end is an element's parent: a changed end is a re-parented contribution.
PARENT_TYPES: Final = ("CONTRIBUTES_TO", "PART_OF")
LOST, GAINED = "kehilangan", "mendapat"


@dataclass(frozen=True)
class Section:
    """One list of the diff: its key, its Indonesian title and its columns (key, header) in order."""

    key: str
    title: str
    columns: tuple[tuple[str, str], ...]
    sheet: str = ""  # its sheet's name in the workbook (at most 31 characters)


SECTIONS: Final = (
    Section("added", "Elemen baru", (("label", "Jenis"), ("id", "ID"), ("name", "Nama / pernyataan")), "Baru"),
    Section("removed", "Elemen dihapus", (("label", "Jenis"), ("id", "ID"), ("name", "Nama / pernyataan")), "Dihapus"),
    Section(
        "restated",
        "Elemen dirumuskan ulang",
        (("label", "Jenis"), ("id", "ID"), ("field", "Atribut"), ("before", "Sebelum"), ("after", "Sesudah")),
        "Dirumuskan ulang",
    ),
    Section(
        "reparented",
        "Kontribusi berpindah induk",
        (("type", "Hubungan"), ("label", "Jenis"), ("id", "ID"), ("name", "Nama"), ("before", "Dari"), ("after", "Ke")),
        "Pindah induk",
    ),
    Section(
        "indicators",
        "Target dan satuan indikator berubah",
        (
            ("id", "ID"),
            ("name", "Indikator"),
            ("year", "Tahun"),
            ("field", "Atribut"),
            ("before", "Sebelum"),
            ("after", "Sesudah"),
        ),
        "Target dan satuan",
    ),
    Section(
        "budgets",
        "Pagu berubah",
        (
            ("id", "ID"),
            ("code", "Kode"),
            ("name", "Kegiatan"),
            ("before", "Pagu sebelum"),
            ("after", "Pagu sesudah"),
            ("difference", "Selisih"),
        ),
        "Pagu",
    ),
    Section(
        "staff",
        "ASN pindah, keluar, masuk",
        (
            ("change", "Perubahan"),
            ("nip", "NIP"),
            ("name", "Nama"),
            ("unit_before", "Unit sebelum"),
            ("unit_after", "Unit sesudah"),
            ("position_before", "Jabatan sebelum"),
            ("position_after", "Jabatan sesudah"),
        ),
        "ASN",
    ),
    Section(
        "reach_budget",
        "Pagu yang kehilangan atau mendapat jalur ke outcome",
        (
            ("change", "Jalur ke outcome"),
            ("id", "ID"),
            ("name", "Kegiatan"),
            ("before", "Pagu sebelum"),
            ("after", "Pagu sesudah"),
        ),
        "Jalur pagu ke outcome",
    ),
    Section(
        "reach_staff",
        "ASN yang kehilangan atau mendapat jalur ke outcome",
        (("change", "Jalur ke outcome"), ("nip", "NIP"), ("name", "Nama"), ("unit", "Unit")),
        "Jalur ASN ke outcome",
    ),
    Section(
        "outcomes",
        "Outcome yang kehilangan kegiatan pendukung terakhir (atau mendapat yang pertama)",
        (("change", "Kegiatan pendukung"), ("id", "ID"), ("level", "Level"), ("name", "Pernyataan")),
        "Outcome dan kegiatan",
    ),
)
# the money columns (shown in rupiah)
RUPIAH_COLUMNS: Final = {"budgets": ("before", "after", "difference"), "reach_budget": ("before", "after")}
SECTION_KEYS: Final = tuple(section.key for section in SECTIONS)


@dataclass
class Diff:
    """Every section's rows (all of them; `as_dict` bounds what is shown) and the totals worked out from them."""

    a: str
    b: str
    sections: dict[str, list[dict[str, Any]]]
    summary: dict[str, Any] = field(default_factory=dict)
    reach_from: dict[str, str] = field(default_factory=dict)  # version -> "fact" or "traversal"

    def as_dict(self, limit: int = ROWS_DEFAULT) -> dict[str, Any]:
        """The diff as data, at most `limit` rows per section; `counts` says how many each has in all."""
        return {
            "a": self.a,
            "b": self.b,
            "summary": self.summary,
            "counts": {key: len(rows) for key, rows in self.sections.items()},
            "truncated": [key for key, rows in self.sections.items() if len(rows) > limit],
            "reach_from": self.reach_from,
            "sections": {key: rows[:limit] for key, rows in self.sections.items()},
        }


def diff(reader: Reader, a: str, b: str) -> Diff:
    """What changed from version `a` to version `b` (dataset keys). Raises UnknownVersion naming a key the graph
    does not hold, before reading anything else."""
    require_versions(reader, (a, b))
    before, after = read_version(reader, a), read_version(reader, b)
    return compare(before, after)


def compare(before: Version, after: Version) -> Diff:
    """The diff of two versions already read: every section, then the totals."""
    sections = {
        "added": _elements(after, before),
        "removed": _elements(before, after),
        "restated": _restated(before, after),
        "reparented": _reparented(before, after),
        "indicators": _indicators(before, after),
        "budgets": _budgets(before, after),
        "staff": _staff(before, after),
        "reach_budget": _reach_budget(before, after),
        "reach_staff": _reach_staff(before, after),
        "outcomes": _outcomes(before, after),
    }
    result = Diff(before.dataset, after.dataset, sections)
    result.summary = _summary(sections)
    result.reach_from = {before.dataset: before.reach_from, after.dataset: after.reach_from}
    return result


def _name(props: dict[str, Any]) -> Any:
    return props.get("name") if props.get("name") is not None else props.get("statement")


def _elements(has: Version, lacks: Version) -> list[dict[str, Any]]:
    """Elements (every label but ASN, whose arrivals and departures are the staff section's) of `has` that
    `lacks` does not hold."""
    rows = []
    for label in ELEMENTS:
        other = lacks.nodes[label]
        for key, props in has.nodes[label].items():
            if key not in other:
                rows.append({"label": label, "id": key, "name": _name(props)})
    return sorted(rows, key=lambda row: (ELEMENTS.index(row["label"]), row["id"]))


def _restated(before: Version, after: Version) -> list[dict[str, Any]]:
    """Per element in both versions, each of its RESTATED properties that differs."""
    rows: list[dict[str, Any]] = []
    for label, fields in RESTATED.items():
        later = after.nodes[label]
        for key, props in sorted(before.nodes[label].items()):
            now = later.get(key)
            if now is None:
                continue
            rows.extend(
                {"label": label, "id": key, "field": name, "before": props.get(name), "after": now.get(name)}
                for name in fields
                if props.get(name) != now.get(name)
            )
    return rows


def _reparented(before: Version, after: Version) -> list[dict[str, Any]]:
    """Elements in both versions whose parents changed: the ends of their real CONTRIBUTES_TO (implied edges are
    derived from MEASURED_BY, not stated) or of their PART_OF. `before`: the parents dropped; `after`: the new ones."""
    rows = []
    for rel_type in PARENT_TYPES:
        then, now = before.parents[rel_type], after.parents[rel_type]
        for key in sorted(set(then) | set(now)):
            label = before.label_of(key)
            if label is None or after.label_of(key) is None:
                continue  # an element added or removed: listed there with its edges
            old, new = then.get(key, set()), now.get(key, set())
            if old != new:
                name = _name(after.nodes[label][key])
                rows.append(
                    {
                        "type": rel_type,
                        "label": label,
                        "id": key,
                        "name": name,
                        "before": sorted(old - new),
                        "after": sorted(new - old),
                    }
                )
    return rows


def _changed_fields(then: dict[str, Any], now: dict[str, Any], names: Iterable[str]) -> list[tuple[str, Any, Any]]:
    return [(name, then.get(name), now.get(name)) for name in names if then.get(name) != now.get(name)]


def _indicators(before: Version, after: Version) -> list[dict[str, Any]]:
    """For indicators in both versions: the indicator's own figures (satuan, the period's end target, ...: every
    property but its wording) and each year's targets and satuan, a year held by one version only included."""
    rows = []
    later = after.nodes["Indicator"]
    wording = {*RESTATED["Indicator"], "id", "dataset", "iku", "weight"}
    for key, props in sorted(before.nodes["Indicator"].items()):
        now = later.get(key)
        if now is None:
            continue
        names = sorted((set(props) | set(now)) - wording)
        for name, old, new in _changed_fields(props, now, names):
            rows.append({"id": key, "name": now.get("name"), "year": None, "field": name, "before": old, "after": new})
        years = sorted(set(before.years.get(key, {})) | set(after.years.get(key, {})))
        for year in years:
            then_year, now_year = before.years.get(key, {}).get(year, {}), after.years.get(key, {}).get(year, {})
            names = sorted(name for name in set(then_year) | set(now_year) if _is_target(name))
            for name, old, new in _changed_fields(then_year, now_year, names):
                rows.append(
                    {"id": key, "name": now.get("name"), "year": year, "field": name, "before": old, "after": new}
                )
    return rows


def _is_target(name: str) -> bool:
    """A year's figure a plan sets (targets, their ranges, quarters and texts, the satuan), not a realisasi."""
    return name.startswith("target") or name == "satuan"


def _budgets(before: Version, after: Version) -> list[dict[str, Any]]:
    """Activities in both versions whose pagu differs, with the difference (a missing pagu counts as 0)."""
    rows = []
    later = after.nodes["Activity"]
    for key, props in sorted(before.nodes["Activity"].items()):
        now = later.get(key)
        if now is None or props.get("budget") == now.get("budget"):
            continue
        old, new = props.get("budget"), now.get("budget")
        rows.append(
            {
                "id": key,
                "code": now.get("code"),
                "name": now.get("name"),
                "before": old,
                "after": new,
                "difference": (new or 0) - (old or 0),
            }
        )
    return rows


def _staff(before: Version, after: Version) -> list[dict[str, Any]]:
    """ASN who moved (another unit or position), left (only in `before`) or arrived (only in `after`)."""
    rows = []
    then, now = before.nodes["ASN"], after.nodes["ASN"]
    for nip in sorted(set(then) | set(now)):
        old, new = then.get(nip), now.get(nip)
        unit_before, unit_after = before.unit_of(nip), after.unit_of(nip)
        if old is not None and new is not None:
            if unit_before == unit_after and old.get("position") == new.get("position"):
                continue
            change = "pindah"
        else:
            change = "keluar" if new is None else "masuk"
        person = new if new is not None else old
        assert person is not None
        rows.append(
            {
                "change": change,
                "nip": nip,
                "name": person.get("name"),
                "unit_before": unit_before,
                "unit_after": unit_after,
                "position_before": (old or {}).get("position"),
                "position_after": (new or {}).get("position"),
            }
        )
    return rows


def _reach_budget(before: Version, after: Version) -> list[dict[str, Any]]:
    """Activities with pagu (in either version) held by both whose path to an outcome was lost or gained."""
    rows = []
    later = after.nodes["Activity"]
    for key, props in sorted(before.nodes["Activity"].items()):
        now = later.get(key)
        if now is None or not (props.get("budget") or now.get("budget")):
            continue
        then_reaches, now_reaches = key in before.reaching, key in after.reaching
        if then_reaches != now_reaches:
            rows.append(
                {
                    "change": LOST if then_reaches else GAINED,
                    "id": key,
                    "name": now.get("name"),
                    "before": props.get("budget"),
                    "after": now.get("budget"),
                }
            )
    return rows


def _reach_staff(before: Version, after: Version) -> list[dict[str, Any]]:
    """ASN held by both whose assignments reached an outcome in one version and not in the other."""
    rows = []
    later = after.nodes["ASN"]
    for nip in sorted(before.nodes["ASN"]):
        now = later.get(nip)
        if now is None:
            continue
        then_reaches, now_reaches = before.staff_reaches(nip), after.staff_reaches(nip)
        if then_reaches != now_reaches:
            rows.append(
                {
                    "change": LOST if then_reaches else GAINED,
                    "nip": nip,
                    "name": now.get("name"),
                    "unit": after.unit_of(nip),
                }
            )
    return rows


def _outcomes(before: Version, after: Version) -> list[dict[str, Any]]:
    """Outcome goals held by both that some activity supported in one version and none in the other."""
    rows = []
    then_supported, now_supported = before.supported(), after.supported()
    for key in sorted(before.outcomes() & after.outcomes()):
        then, now = key in then_supported, key in now_supported
        if then != now:
            goal = after.nodes["Goal"][key]
            rows.append(
                {
                    "change": LOST if then else GAINED,
                    "id": key,
                    "level": goal.get("level"),
                    "name": goal.get("statement"),
                }
            )
    return rows


def diff_workbook(data: dict[str, Any]) -> bytes:
    """`Diff.as_dict` as a workbook: a summary sheet, then a sheet per section with its Indonesian headers
    (graph/export.py neutralises any text a spreadsheet would run as a formula)."""
    summary = [{"ukuran": key, "nilai": value} for key, value in data["summary"].items()]
    sheets: dict[str, tuple[list[dict[str, Any]], list[str] | None]] = {"Ringkasan": (summary, ["ukuran", "nilai"])}
    for section in SECTIONS:
        rows = [{header: row.get(key) for key, header in section.columns} for row in data["sections"][section.key]]
        sheets[section.sheet] = (rows, [header for _, header in section.columns])
    return to_xlsx(sheets)


def _summary(sections: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The totals a reader looks for first: counts, and the pagu and staff whose path to an outcome changed."""
    budget, staff = sections["reach_budget"], sections["reach_staff"]
    return {
        "elements_added": len(sections["added"]),
        "elements_removed": len(sections["removed"]),
        "pagu_changed": len(sections["budgets"]),
        "pagu_difference": sum(row["difference"] for row in sections["budgets"]),
        "pagu_lost_path": sum(row["before"] or 0 for row in budget if row["change"] == LOST),
        "pagu_gained_path": sum(row["after"] or 0 for row in budget if row["change"] == GAINED),
        "staff_lost_path": sum(1 for row in staff if row["change"] == LOST),
        "staff_gained_path": sum(1 for row in staff if row["change"] == GAINED),
        "staff_moved": sum(1 for row in sections["staff"] if row["change"] == "pindah"),
        "staff_left": sum(1 for row in sections["staff"] if row["change"] == "keluar"),
        "staff_arrived": sum(1 for row in sections["staff"] if row["change"] == "masuk"),
        "outcomes_lost_support": sum(1 for row in sections["outcomes"] if row["change"] == LOST),
    }
