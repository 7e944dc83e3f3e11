"""The named-query catalog: one `.cypher` file per query under cypher/, checked when it loads.

A file starts with a header of `//` lines, then the query:

    // name: orphaned_staff
    // Every ASN who contributes to no outcome ...        (doc lines: what it answers)
    // param unit: str? Unit id; its sub-units count too.  (`?` = optional, passed as null when absent)
    // mode: read                                        (read, the default, or write)

Loading fails with `path:line: message` on a missing name, a duplicate name, an empty body, an unknown
type, or a parameter that is declared but not used or used but not declared. The files stay plain
Cypher, so they paste unchanged into Neo4j Browser or cypher-shell (`:param` the parameters first).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.db import Runner

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
PARAM_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}
_HEADER = re.compile(r"^//\s?(.*)$")
_PARAM = re.compile(r"^param\s+(\w+)\s*:\s*(\w+)(\?)?\s*(.*)$")
_USED = re.compile(r"\$(\w+)")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)


class CatalogError(ValueError):
    """A query file is malformed; the message starts with `path:line`."""


class ParameterError(ValueError):
    """Parameters given to a query are missing, unknown or of the wrong type."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    doc: str

    def coerce(self, value: Any) -> Any:
        """Accept a value of the declared type, or text as it comes from a CLI or a query string."""
        kind = PARAM_TYPES[self.type]
        if isinstance(value, str) and kind is not str:
            text = value.strip()
            try:
                if kind is bool:
                    if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError
                    return text.lower() in ("true", "1", "yes")
                return kind(text)
            except ValueError:
                raise ValueError(f"parameter '{self.name}' must be {_article(self.type)}, not '{value}'") from None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"parameter '{self.name}' must be {_article(self.type)}, not {value!r}")
        return value


@dataclass(frozen=True)
class NamedQuery:
    name: str
    doc: str
    params: tuple[Param, ...]
    cypher: str
    path: Path
    mode: str = "read"

    @property
    def summary(self) -> str:
        """The doc's first sentence."""
        return re.split(r"(?<=\.)\s", " ".join(self.doc.split()), maxsplit=1)[0]

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; every problem is reported at once."""
        errors = [f"unknown parameter '{name}'" for name in given if name not in {p.name for p in self.params}]
        bound: dict[str, Any] = {}
        for param in self.params:
            value = given.get(param.name)
            if value is None or value == "":
                if not param.optional:
                    errors.append(f"parameter '{param.name}' is required")
                bound[param.name] = None
                continue
            try:
                bound[param.name] = param.coerce(value)
            except ValueError as exc:
                errors.append(str(exc))
        if errors:
            raise ParameterError(errors)
        return bound


@dataclass
class Catalog:
    queries: dict[str, NamedQuery] = field(default_factory=dict)

    def __getitem__(self, name: str) -> NamedQuery:
        return self.queries[name]

    def __contains__(self, name: object) -> bool:
        return name in self.queries

    def __iter__(self):
        return iter(sorted(self.queries.values(), key=lambda query: query.name))

    def run(self, runner: Runner, name: str, params: Mapping[str, Any] | None = None, *,
            timeout: float | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Run a named query through the one runner, routed by its mode; read rows arrive packed (our own
        query texts are known to nest in a subquery, an analyst's need not)."""
        query = self.queries[name]
        bound = query.bind(params or {})
        if query.mode == "write":
            return runner.write(query.cypher, bound, timeout=timeout)
        return runner.read(query.cypher, bound, timeout=timeout, limit=limit, packed=True)


def reference_markdown(catalog: Catalog) -> str:
    """docs/queries.md: every query with its doc, parameters and text (a test keeps the file in sync)."""
    lines = ["# Query reference", "",
             "Generated from `cypher/*.cypher` by `pokin queries --markdown > docs/queries.md`; do not edit.",
             "Run one with `pokin query NAME -p key=value`, or paste the Cypher into Neo4j Browser after",
             "setting its parameters (`:param year => 2026`).", ""]
    for query in catalog:
        lines += [f"## `{query.name}`", "", query.doc, ""]
        if query.params:
            lines += ["| parameter | type | required | meaning |", "|---|---|---|---|"]
            lines += [f"| `{p.name}` | {p.type} | {'no' if p.optional else 'yes'} | {p.doc} |" for p in query.params]
            lines.append("")
        lines += [f"Mode: {query.mode}. File: `cypher/{query.path.name}`.", "", "```cypher", query.cypher, "```", ""]
    return "\n".join(lines)


def load_catalog(directory: Path = CYPHER_DIR) -> Catalog:
    catalog = Catalog()
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse_query_file(path)
        if query.name in seen:
            raise CatalogError(f"{path}:1: query name '{query.name}' is already used by {seen[query.name]}")
        seen[query.name] = path
        catalog.queries[query.name] = query
    return catalog


def parse_query_file(path: Path) -> NamedQuery:  # noqa: C901 - one branch per header field, each checked in place
    lines = path.read_text(encoding="utf-8").splitlines()
    name = None
    mode = "read"
    doc: list[str] = []
    params: list[Param] = []
    declared_at: dict[str, int] = {}
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line.strip())
        if header is None:
            if line.strip():
                body_start = number - 1
                break
            continue
        text = header.group(1).strip()
        if text.startswith("name:"):
            name = text.removeprefix("name:").strip()
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise CatalogError(f"{path}:{number}: query name '{name}' must be lower_snake_case")
        elif text.startswith("mode:"):
            mode = text.removeprefix("mode:").strip()
            if mode not in ("read", "write"):
                raise CatalogError(f"{path}:{number}: mode must be read or write, not '{mode}'")
        elif re.match(r"param\b", text):
            match = _PARAM.match(text)
            if match is None:
                raise CatalogError(f"{path}:{number}: write a parameter as 'param NAME: TYPE[?] doc'")
            pname, ptype, optional, pdoc = match.groups()
            if ptype not in PARAM_TYPES:
                raise CatalogError(f"{path}:{number}: unknown type '{ptype}' (use {', '.join(PARAM_TYPES)})")
            if pname in declared_at:
                raise CatalogError(f"{path}:{number}: parameter '{pname}' is declared twice")
            declared_at[pname] = number
            params.append(Param(pname, ptype, bool(optional), pdoc.strip()))
        elif name is not None:
            doc.append(text)
    if name is None:
        raise CatalogError(f"{path}:1: missing '// name: ...' header")
    cypher = "\n".join(lines[body_start:]).strip()
    if not cypher:
        raise CatalogError(f"{path}:{len(lines) or 1}: query '{name}' has an empty body")
    used = set(_USED.findall(_STRINGS_AND_COMMENTS.sub("", cypher)))
    for pname, number in declared_at.items():
        if pname not in used:
            raise CatalogError(f"{path}:{number}: parameter '{pname}' is declared but not used")
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        for pname in _USED.findall(_STRINGS_AND_COMMENTS.sub("", line)):
            if pname not in declared_at:
                raise CatalogError(f"{path}:{number}: parameter '${pname}' is used but not declared")
    return NamedQuery(name, "\n".join(doc).strip(), tuple(params), cypher, path, mode)


def _article(type_name: str) -> str:
    return {"int": "an integer", "float": "a number", "bool": "true or false", "str": "text"}[type_name]
