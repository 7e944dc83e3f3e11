"""Versions of a performance tree (docs/versions.md): what a query reads when its caller names no version.

A version is one import unit, identified by its dataset key: `<pemda>` (the unnamed version) or `<pemda>@<name>`.
Each import records one `PokinVersion` metadata node (dataset, pemda, name, kind, year, at). Queries read
`$datasets`: a list of dataset keys, or null to read every node, which is what a graph with one version per Pemda
needs (no filter at all, so such graphs answer exactly as before versions existed).
"""

from __future__ import annotations

from typing import Any, Final

from graph.db import Reader

VERSION_LABEL: Final = "PokinVersion"
# How kinds of one year rank when choosing the latest: a PK outranks the Renstra states of its year.
KIND_RANK: Final = {None: 0, "renstra_awal": 1, "renstra_perubahan": 2, "pk": 3}

_VERSIONS = (
    f"MATCH (v:{VERSION_LABEL}) "
    "RETURN v.dataset AS dataset, coalesce(v.pemda, split(v.dataset, '@')[0]) AS pemda, v.name AS name, "
    "v.kind AS kind, v.year AS year, toString(v.at) AS at ORDER BY dataset"
)


def pemda_of(dataset: str) -> str:
    """The Pemda a dataset key belongs to: the part before '@'."""
    return dataset.split("@", 1)[0]


def version_name(dataset: str) -> str | None:
    """The version's name (after '@'), None for the unnamed version."""
    return dataset.split("@", 1)[1] if "@" in dataset else None


def list_versions(runner: Reader) -> list[dict[str, Any]]:
    """Every recorded version, by dataset key."""
    return runner.read(_VERSIONS)


def _rank(version: dict[str, Any]) -> tuple:
    return (version.get("year") or 0, KIND_RANK.get(version.get("kind"), 0), version.get("at") or "")


def latest_datasets(runner: Reader) -> dict[str, str]:
    """The latest version of each Pemda: the highest (year, kind rank, at)."""
    return _latest(list_versions(runner))


def _latest(versions: list[dict[str, Any]]) -> dict[str, str]:
    latest: dict[str, dict[str, Any]] = {}
    for version in versions:
        known = latest.get(version["pemda"])
        if known is None or _rank(version) > _rank(known):
            latest[version["pemda"]] = version
    return {pemda: version["dataset"] for pemda, version in latest.items()}


def default_scope(runner: Reader) -> list[str] | None:
    """The dataset keys a query reads when its caller names none: the latest version of every Pemda; None (no
    filter: every node) when no Pemda has more than one version."""
    versions = list_versions(runner)
    pemdas = [version["pemda"] for version in versions]
    if len(pemdas) == len(set(pemdas)):
        return None
    return sorted(_latest(versions).values())
