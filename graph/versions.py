"""Versions of a Pemda's performance tree: a year's PK, a Renstra awal or perubahan (docs/versions.md).

A version is one import unit, and its key is the `dataset` every node and relationship of it carries: `<pemda>`
for the unnamed version (what an import without `--version` writes, and what every graph from before versions
holds) and `<pemda>@<name>` for a named one. Keys are unique within a version (graph/model.py), so the same id in
two versions is the same element over time, held twice. Each import also records its version in one metadata node
(VERSION_LABEL): the Pemda, the name, the kind, the year or period, and when it was written; queries never see it.

What a query reads by default is the latest version of every Pemda (`default_scope`); when no Pemda has more than
one version, nothing needs filtering and the scope is None (every graph of one version per Pemda runs its queries
exactly as before versions existed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from graph.db import Reader
from graph.model import VERSION_LABEL

SEPARATOR: Final = "@"
# kinds, in the order in which they supersede each other within one year
KINDS: Final = ("renstra_awal", "renstra_perubahan", "pk")
KIND_LABELS: Final = {
    "pk": "Perjanjian Kinerja",
    "renstra_awal": "Renstra awal",
    "renstra_perubahan": "Renstra perubahan",
}
NAME_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_PERIOD = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")


class VersionError(ValueError):
    """A version name, kind or period that cannot be used (the message says which and why)."""


def pemda_of(dataset: str) -> str:
    """The Pemda a version belongs to: its dataset key up to the separator."""
    return dataset.split(SEPARATOR, 1)[0]


def version_name(dataset: str) -> str | None:
    """The name of a version (None: the unnamed version)."""
    parts = dataset.split(SEPARATOR, 1)
    return parts[1] if len(parts) == 2 else None


def dataset_key(pemda: str, name: str | None) -> str:
    """The dataset key of a Pemda's version."""
    if SEPARATOR in pemda:
        raise VersionError(f"dataset name '{pemda}' must not contain '{SEPARATOR}': name the version with --version")
    if name is None:
        return pemda
    if not NAME_PATTERN.match(name):
        raise VersionError(
            f"version name '{name}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return f"{pemda}{SEPARATOR}{name}"


@dataclass(frozen=True)
class Version:
    """One version as recorded: its dataset key and what its import said of it."""

    dataset: str
    pemda: str
    name: str | None = None
    kind: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    at: str | None = None

    def order(self) -> tuple[int, int, str, str]:
        """Later versions sort after earlier ones: by year (a Renstra by its period's start), then kind (a PK after
        the Renstra of its year, a perubahan after the awal), then when it was written."""
        year = self.year if self.year is not None else (self.period_start or 0)
        rank = KINDS.index(self.kind) if self.kind in KINDS else -1
        return (year, rank, self.at or "", self.dataset)

    def label(self) -> str:
        """What the version is, for a reader: `PK 2026`, `Renstra awal 2025–2029`, else its name (or `tanpa nama`)."""
        if self.kind == "pk" and self.year is not None:
            return f"PK {self.year}"
        if self.kind in KIND_LABELS and self.kind != "pk":
            period = f" {self.period_start}–{self.period_end}" if self.period_start and self.period_end else ""
            return f"{KIND_LABELS[self.kind]}{period}"
        return self.name or "tanpa nama"

    def as_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "pemda": self.pemda,
            "name": self.name,
            "kind": self.kind,
            "year": self.year,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "at": self.at,
        }


def describe(
    pemda: str, name: str | None, kind: str | None = None, period: str | None = None, year: int | None = None
) -> Version:
    """The version an import names: its key, and the kind and year read from the name where not given (`2026`
    is that year's PK; a name with `awal` or `perubahan` is a Renstra of the period given)."""
    dataset = dataset_key(pemda, name)
    if kind is not None and kind not in KINDS:
        raise VersionError(f"version kind '{kind}' is not one of {', '.join(KINDS)}")
    start, end = _period(period)
    text = (name or "").lower()
    if kind is None and name is not None:
        if re.fullmatch(r"(pk-?)?\d{4}", text):
            kind = "pk"
        elif "perubahan" in text:
            kind = "renstra_perubahan"
        elif "awal" in text or "renstra" in text:
            kind = "renstra_awal"
    if year is None and kind == "pk":
        found = re.search(r"(\d{4})", text)
        year = int(found.group(1)) if found else None
    if year is None and start is not None:
        year = start
    return Version(dataset, pemda_of(dataset), name, kind, year, start, end)


def _period(period: str | None) -> tuple[int | None, int | None]:
    if period is None:
        return None, None
    found = _PERIOD.match(period.strip())
    if not found or not int(found.group(1)) <= int(found.group(2)) <= int(found.group(1)) + 10:
        raise VersionError(f"period '{period}' must be two years like 2025-2029")
    return int(found.group(1)), int(found.group(2))


# Written by each import in its transaction; only when the record is missing or says otherwise (an unchanged
# re-import writes nothing). `at`: when the version was first written.
RECORD_STATEMENT: Final = (
    f"MERGE (v:{VERSION_LABEL} {{dataset: $dataset}}) "
    "WITH v WHERE v.pemda IS NULL OR [v.pemda, coalesce(v.name, ''), coalesce(v.kind, ''), coalesce(v.year, -1), "
    "coalesce(v.period_start, -1), coalesce(v.period_end, -1)] <> [$pemda, coalesce($name, ''), coalesce($kind, ''), "
    "coalesce($year, -1), coalesce($period_start, -1), coalesce($period_end, -1)] "
    "SET v.pemda = $pemda, v.name = $name, v.kind = $kind, v.year = $year, v.period_start = $period_start, "
    "v.period_end = $period_end, v.at = coalesce(v.at, toString(datetime.transaction()))"
)
LIST_QUERY: Final = f"MATCH (v:{VERSION_LABEL}) RETURN v {{.*}} AS v"
# datasets that hold data but no record (a graph written before versions, or by raw Cypher): read from the units
UNRECORDED_QUERY: Final = (
    f"MATCH (u:Unit) WHERE u.dataset IS NOT NULL WITH DISTINCT u.dataset AS dataset "
    f"WHERE NOT EXISTS {{ MATCH (:{VERSION_LABEL} {{dataset: dataset}}) }} RETURN dataset"
)


def record_params(version: Version) -> dict[str, Any]:
    """The parameters of RECORD_STATEMENT for a version (`at` is kept from its first import)."""
    params = version.as_json()
    params.pop("at")
    return params


def from_record(record: Mapping[str, Any]) -> Version:
    fields = ("name", "kind", "year", "period_start", "period_end", "at")
    dataset = str(record["dataset"])
    return Version(dataset, str(record.get("pemda") or pemda_of(dataset)), **{f: record.get(f) for f in fields})


def list_versions(runner: Reader, *, unrecorded: bool = True) -> list[Version]:
    """Every version the graph holds, by Pemda and then oldest first; with `unrecorded`, datasets without a record
    too (as unnamed versions)."""
    versions = [from_record(row["v"]) for row in runner.read(LIST_QUERY)]
    if unrecorded:
        versions += [Version(row["dataset"], pemda_of(row["dataset"])) for row in runner.read(UNRECORDED_QUERY)]
    return sorted(versions, key=lambda v: (v.pemda, v.order()))


def latest(versions: Iterable[Version]) -> dict[str, Version]:
    """The latest version of each Pemda."""
    found: dict[str, Version] = {}
    for version in versions:
        held = found.get(version.pemda)
        if held is None or version.order() > held.order():
            found[version.pemda] = version
    return found


def listing(versions: list[Version]) -> list[dict[str, Any]]:
    """The versions as every reader sees them (`pokin versions`, `/api/versions`, the version selectors, the diff's
    form): each record with `label` (what it is: `PK 2026`), `latest` (what queries read when no version is named)
    and `title` (Pemda, label and `terbaru`, for a list to choose from). One place, so they never disagree."""
    newest = {version.dataset for version in latest(versions).values()}
    return [
        {
            **version.as_json(),
            "label": version.label(),
            "latest": version.dataset in newest,
            "title": f"{version.pemda} · {version.label()}" + (" (terbaru)" if version.dataset in newest else ""),
        }
        for version in versions
    ]


def scope_of(versions: list[Version], chosen: Iterable[str] = ()) -> list[str] | None:
    """The datasets a query reads: the versions `chosen` and, for every other Pemda, its latest; None (read
    everything) when no Pemda has two versions and nothing is chosen."""
    chosen = list(chosen)
    pemdas = [version.pemda for version in versions]
    if not chosen and len(pemdas) == len(set(pemdas)):
        return None
    picked = {pemda_of(dataset): dataset for dataset in chosen}
    for pemda, version in latest(versions).items():
        picked.setdefault(pemda, version.dataset)
    return sorted(set(picked.values()) | set(chosen))


def default_scope(runner: Reader) -> list[str] | None:
    """What a query reads when its caller names no version: the latest version of every Pemda (None: no Pemda has
    two); unless the reader answers for someone who named one (`named_scope`, e.g. the service's Database while a
    request asks `versi=`): then that, so every module the service calls reads the version the request names."""
    named = getattr(runner, "named_scope", None)
    chosen = named() if callable(named) else None
    return chosen if chosen is not None else scope_of(list_versions(runner))


def resolve(candidates: Iterable[str], name: str | None, known: Mapping[str, Version]) -> str:
    """Which of another Pemda's versions holding an id a reference from version `name` means: the one of the same
    name if there is one, else the latest (an unrecorded version counts as the oldest)."""
    candidates = sorted(candidates)
    for dataset in candidates:
        if version_name(dataset) == name:
            return dataset
    return max(candidates, key=lambda dataset: known.get(dataset, Version(dataset, pemda_of(dataset))).order())
