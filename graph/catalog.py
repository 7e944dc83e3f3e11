"""The named-query catalog: one `.cypher` file per query under cypher/, checked when it loads.

A file starts with a header of `//` lines, then the query:

    // name: orphaned_staff
    // Every ASN who contributes to no outcome ...        (doc lines: what it answers)
    // param unit: str? Unit id; its sub-units count too.  (`?` = optional, passed as null when absent)
    // const outcome_levels                              (a value from graph/model.py QUERY_CONSTANTS)
    // mode: read                                        (read, the default, or write)
    // param datasets: list? Versions to read ...         (the version scope, below)

Versions (docs/versions.md): a graph may hold several versions of a Pemda's tree (dataset keys `<pemda>` and
`<pemda>@<name>`), and an answer never mixes them. A query over the data declares the parameter
`// param datasets: list? ...` (that name, type `list`, optional: the loader refuses anything else) and filters
each of its entry points with it (`WHERE $datasets IS NULL OR x.dataset IN $datasets`: a `MATCH` over a label, a
lookup by id or NIP; what is reached by traversal from there stays in its version). `Catalog.run` fills it when
the caller gives none with `graph.versions.default_scope` (the latest version of each Pemda; null, which filters
nothing, when no Pemda has two versions); a caller that names a version passes `datasets=[its key]`. A `list`
parameter takes a list of text, or text separated by commas (a CLI or query-string value), at most
LIST_MAX items of at most LIST_ITEM_MAX characters each. A query that reads a whole label or relationship type when
no version is named, and each named version's through the `dataset` index otherwise, writes the two as branches
of `UNION ALL` (one of them is always empty) with `UNWIND $datasets AS dataset WITH DISTINCT dataset`: a `UNION`
keeps every row it has seen to drop duplicates, and over the whole nation that is 14 million contributions, beyond
the memory a transaction may use.

An audit finding (docs/domain.md, "What the audit looks for") is one such file whose header also says what
the finding is; the audit, the pages, the legend, the exports and the API are built from these lines:

    // finding: ASN tanpa kontribusi ke outcome          (declares a finding; its title, in Bahasa Indonesia)
    // finding description: ASN yang tidak ditugaskan ... (what it means for an auditor; lines join)
    // finding order: 10                                 (its place in lists; lower first, then the name)
    // finding key: orphaned_staff                       (what its tree marks are called; default: the name)
    // finding year: figures                             ($year is a year of indicator figures; default budget)
    // finding budget: budget                            (the column summed into the finding's budget total)
    // finding marks nip ASN: ASN tanpa kontribusi ke outcome  (the tree marks the node the column names,
    //                                                    of that label; the legend's title of the mark)
    // finding column nip ASN: NIP                       (a column's header, and the label of what it names)

Loading fails with `path:line: message` on a missing name, a duplicate name, an empty body, an unknown
type, a parameter that is declared but not used or used but not declared, an unknown constant, and a finding
line that is unknown, repeated, names a column the query does not return or an unknown label. The files stay
plain Cypher, so they paste unchanged into Neo4j Browser or cypher-shell (`:param` the parameters first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

from graph.db import Reader, Runner
from graph.model import ELEMENT_LABELS, QUERY_CONSTANTS
from graph.versions import default_scope

# The shipped queries: package data of the `cypher` package (a checkout, an editable install or a wheel alike).
# A wheel installs as files, never zipped, so the folder is a real path that globbing and error messages can name.
CYPHER_DIR = Path(str(resources.files("cypher")))
PARAM_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "list": list}
SCOPE_PARAM: Final = "datasets"  # the version scope every query over the data declares (see the module doc)
LIST_MAX: Final = 200
LIST_ITEM_MAX: Final = 200
_HEADER = re.compile(r"^//\s?(.*)$")
_PARAM = re.compile(r"^param\s+(\w+)\s*:\s*(\w+)(\?)?\s*(.*)$")
_USED = re.compile(r"\$(\w+)")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)
_FINDING = re.compile(r"^finding\b([^:]*):\s*(.*)$")
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
YEAR_KINDS = ("budget", "figures")  # what a finding's $year is: a budget year (activities) or a figures year
# The queries the product calls by name (findings are found by their header instead): a catalog without one
# of them is incomplete, and the service and the CLI refuse to start on it (check_complete).
REQUIRED_QUERIES: Final = frozenset(
    {
        "achievement",
        "activities_without_leverage",
        "document_budget",
        "document_cascading",
        "document_iku",
        "document_quarters",
        "document_unit",
        "element_detail",
        "impact",
        "line_of_sight",
        "orphaned_staff",
        "pemda_overview",
        "search",
        "unit_options",
        "view_impact",
        "view_line_of_sight",
        "view_tree",
    }
)


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
        if kind is list:
            return self._list(value)
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

    def _list(self, value: Any) -> list[str]:
        """A list of text: given as one (or a tuple), or as text separated by commas; bounded in size."""
        if isinstance(value, str):
            value = [item.strip() for item in value.split(",") if item.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"parameter '{self.name}' must be {_article(self.type)}, not {value!r}")
        if len(value) > LIST_MAX or any(len(item) > LIST_ITEM_MAX for item in value):
            raise ValueError(
                f"parameter '{self.name}' takes at most {LIST_MAX} items of at most {LIST_ITEM_MAX} characters"
            )
        return list(value)


@dataclass(frozen=True)
class Column:
    """A finding's column as its pages show it: the header, and the label of the node its value names."""

    name: str
    header: str | None
    label: str | None


@dataclass(frozen=True)
class Mark:
    """What a finding marks in the tree: the node named by `column`, of `label`, titled `title` in the legend."""

    column: str
    label: str
    title: str


@dataclass(frozen=True)
class Finding:
    """An audit finding as its query's header declares it (see the module doc)."""

    title: str
    description: str
    key: str
    order: int
    year: str = "budget"
    budget: str | None = None
    mark: Mark | None = None
    columns: tuple[Column, ...] = ()

    def header(self, column: str) -> str:
        """The column's header in Bahasa Indonesia when declared, else its name."""
        return next((item.header for item in self.columns if item.name == column and item.header), column)

    def label_of(self, column: str) -> str | None:
        """The label of what the column names, when declared (the pages link it to that node's page)."""
        return next((item.label for item in self.columns if item.name == column), None)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    doc: str
    params: tuple[Param, ...]
    cypher: str
    path: Path
    mode: str = "read"
    constants: tuple[str, ...] = ()
    finding: Finding | None = None

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
        return {**bound, **self.constant_values()}

    @property
    def scoped(self) -> bool:
        """Whether the query reads a version scope (`$datasets`, see the module doc)."""
        return any(param.name == SCOPE_PARAM for param in self.params)

    def with_scope(self, runner: Reader, given: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters given, with the version scope filled from graph.versions.default_scope when the query
        reads one and the caller gave none (absent or empty text). An explicit None stays: it is a scope already
        resolved to "no filter" (Catalog.within), not a request for the default."""
        params = dict(given)
        if self.scoped and params.get(SCOPE_PARAM, "") == "":
            params[SCOPE_PARAM] = default_scope(runner)
        return params

    def constant_values(self) -> dict[str, Any]:
        """The model's values of the constants the query declares (graph/model.py QUERY_CONSTANTS)."""
        return {name: QUERY_CONSTANTS[name] for name in self.constants}


@dataclass
class Catalog:
    queries: dict[str, NamedQuery] = field(default_factory=dict)
    # The version scope every run of this catalog passes to a query that reads one, once `within` fixed it
    # (None: no filter); `resolved` is false for the catalog as loaded, whose runs use the default scope.
    datasets: list[str] | None = None
    resolved: bool = False

    def scope(self, runner: Reader) -> list[str] | None:
        """The version scope this catalog's runs use (for a module's own Cypher beside them): the fixed one, or
        the default scope read now."""
        return self.datasets if self.resolved else default_scope(runner)

    def within(self, runner: Reader, datasets: Sequence[str] | None = None) -> Catalog:
        """This catalog with its version scope fixed for a run of several queries: `datasets`, or the default scope
        (graph.versions.default_scope), read once here, when None. A catalog already fixed keeps its scope when
        no `datasets` are given: a module called with a scoped catalog passes it on unchanged."""
        if datasets is None and self.resolved:
            return self
        scope = list(datasets) if datasets is not None else default_scope(runner)
        return Catalog(self.queries, scope, True)

    def __getitem__(self, name: str) -> NamedQuery:
        return self.queries[name]

    def __contains__(self, name: object) -> bool:
        return name in self.queries

    def __iter__(self) -> Iterator[NamedQuery]:
        return iter(sorted(self.queries.values(), key=lambda query: query.name))

    @property
    def findings(self) -> list[NamedQuery]:
        """The audit findings, in their declared order (then by name)."""
        found = [query for query in self.queries.values() if query.finding is not None]
        return sorted(found, key=lambda query: (query.finding.order, query.name))  # type: ignore[union-attr]

    def finding(self, name: str) -> Finding | None:
        """The finding a query declares; None for an unknown name or a query that is no finding."""
        query = self.queries.get(name)
        return None if query is None else query.finding

    def run(
        self,
        runner: Reader,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        packed: bool = True,
    ) -> list[dict[str, Any]]:
        """Run a named query through the one runner, routed by its mode; read rows arrive packed (our own
        query texts are known to nest in a subquery, an analyst's need not) unless `packed` is false (a query
        answering one row of long lists gains nothing from it and pays for the copy). Any Reader runs a
        read-mode query (the service's Database too); a write-mode one needs the Runner itself."""
        query = self.queries[name]
        given = dict(params or {})
        if self.resolved and query.scoped and given.get(SCOPE_PARAM, "") == "":
            given[SCOPE_PARAM] = self.datasets
        bound = query.bind(query.with_scope(runner, given))
        if query.mode == "write":
            if not isinstance(runner, Runner):
                raise TypeError(f"query '{name}' writes: it needs a graph.db.Runner, not a {type(runner).__name__}")
            return runner.write(query.cypher, bound, timeout=timeout)
        return runner.read(query.cypher, bound, timeout=timeout, limit=limit, packed=packed)


def reference_markdown(catalog: Catalog) -> str:
    """docs/queries.md: every query with its doc, parameters and text (a test keeps the file in sync)."""
    lines = [
        "# Query reference",
        "",
        "Generated from `cypher/*.cypher` by `pokin queries --markdown > docs/queries.md`; do not edit.",
        "Run one with `pokin query NAME -p key=value`, or paste the Cypher into Neo4j Browser after",
        "setting its parameters (`:param year => 2026`) and its constants from graph/model.py",
        "(`:param outcome_levels => ['visi', 'misi', 'tujuan', 'sasaran']`). A query whose header says",
        "`// finding: ...` is an audit finding: its table lists what that header declares (the audit, the",
        "pages, the legend and the API are built from it; graph/catalog.py describes each field).",
        "Every query reads one version of each Pemda's tree: `datasets` lists the versions' dataset keys",
        "(`:param datasets => ['sukamaju@2026']`), null reads every node; left out, `pokin query`, the API and",
        "the pages pass the latest version of each Pemda (docs/versions.md).",
        "",
    ]
    for query in catalog:
        lines += [f"## `{query.name}`", "", query.doc, ""]
        if query.params:
            lines += ["| parameter | type | required | meaning |", "|---|---|---|---|"]
            lines += [f"| `{p.name}` | {p.type} | {'no' if p.optional else 'yes'} | {p.doc} |" for p in query.params]
            lines.append("")
        if query.constants:
            lines += [
                "Constants from graph/model.py: "
                + ", ".join(f"`${name}` = `{value!r}`" for name, value in query.constant_values().items())
                + ".",
                "",
            ]
        if query.finding is not None:
            lines += _finding_markdown(query.finding)
        lines += [f"Mode: {query.mode}. File: `cypher/{query.path.name}`.", "", "```cypher", query.cypher, "```", ""]
    return "\n".join(lines)


def _finding_markdown(finding: Finding) -> list[str]:
    """The audit finding a query declares, as docs/queries.md shows it."""
    rows = [
        ("title", finding.title),
        ("description", finding.description),
        ("order", str(finding.order)),
        ("key", f"`{finding.key}`"),
        ("year", finding.year),
    ]
    if finding.budget:
        rows.append(("budget", f"`{finding.budget}`"))
    if finding.mark:
        rows.append(("marks", f"`{finding.mark.column}` ({finding.mark.label}): {finding.mark.title}"))
    rows += [
        (f"column `{column.name}`", " ".join(filter(None, [column.header, column.label and f"({column.label})"])))
        for column in finding.columns
    ]
    return [
        "Audit finding:",
        "",
        "| field | value |",
        "|---|---|",
        *[f"| {field} | {value} |" for field, value in rows],
        "",
    ]


def load_catalog(directory: Path = CYPHER_DIR) -> Catalog:
    catalog = Catalog()
    seen: dict[str, Path] = {}
    keys: dict[str, Path] = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse_query_file(path)
        if query.name in seen:
            raise CatalogError(f"{path}:1: query name '{query.name}' is already used by {seen[query.name]}")
        seen[query.name] = path
        if query.finding is not None:
            if query.finding.key in keys:
                raise CatalogError(
                    f"{path}:1: finding key '{query.finding.key}' is already used by {keys[query.finding.key]}"
                )
            keys[query.finding.key] = path
        catalog.queries[query.name] = query
    return catalog


def check_complete(catalog: Catalog, directory: Path | str = CYPHER_DIR) -> Catalog:
    """The catalog, when it holds every query the product calls by name (REQUIRED_QUERIES); else a
    CatalogError naming what is missing, so that the service and the CLI stop at start, not at a page."""
    missing = sorted(REQUIRED_QUERIES - set(catalog.queries))
    if missing:
        raise CatalogError(f"{directory}: the catalog misses {', '.join(missing)} (a .cypher file per query)")
    return catalog


def load_complete_catalog(directory: Path | str | None = None) -> Catalog:
    """load_catalog then check_complete: what the service and the CLI start with."""
    folder = Path(directory) if directory else CYPHER_DIR
    return check_complete(load_catalog(folder), folder)


def parse_query_file(path: Path) -> NamedQuery:  # noqa: C901 - one branch per header field, each checked in place
    lines = path.read_text(encoding="utf-8").splitlines()
    name = None
    mode = "read"
    doc: list[str] = []
    params: list[Param] = []
    constants: dict[str, int] = {}
    declared_at: dict[str, int] = {}
    finding_lines: list[tuple[int, list[str], str]] = []
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line.strip())
        if header is None:
            if line.strip():
                body_start = number - 1
                break
            continue
        text = header.group(1).strip()
        finding_line = _FINDING.match(text)
        if text.startswith("name:"):
            name = text.removeprefix("name:").strip()
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise CatalogError(f"{path}:{number}: query name '{name}' must be lower_snake_case")
        elif text.startswith("mode:"):
            mode = text.removeprefix("mode:").strip()
            if mode not in ("read", "write"):
                raise CatalogError(f"{path}:{number}: mode must be read or write, not '{mode}'")
        elif re.match(r"param\b", text):
            pname, param = _param(path, number, text, declared_at)
            declared_at[pname] = number
            params.append(param)
        elif re.match(r"const\b", text):
            cname = text.removeprefix("const").strip()
            if cname not in QUERY_CONSTANTS:
                raise CatalogError(
                    f"{path}:{number}: unknown constant '{cname}' (graph/model.py QUERY_CONSTANTS: "
                    f"{', '.join(QUERY_CONSTANTS)})"
                )
            if cname in constants or cname in declared_at:
                raise CatalogError(f"{path}:{number}: '{cname}' is declared twice")
            constants[cname] = number
        elif finding_line is not None:
            finding_lines.append((number, finding_line.group(1).split(), finding_line.group(2).strip()))
        elif name is not None:
            doc.append(text)
    if name is None:
        raise CatalogError(f"{path}:1: missing '// name: ...' header")
    cypher = "\n".join(lines[body_start:]).strip()
    if not cypher:
        raise CatalogError(f"{path}:{len(lines) or 1}: query '{name}' has an empty body")
    _check_parameters(path, lines, body_start, cypher, {**declared_at, **constants})
    finding = _finding(path, name, finding_lines, cypher, declared_at, mode) if finding_lines else None
    return NamedQuery(name, "\n".join(doc).strip(), tuple(params), cypher, path, mode, tuple(constants), finding)


def _param(path: Path, number: int, text: str, declared_at: Mapping[str, int]) -> tuple[str, Param]:
    match = _PARAM.match(text)
    if match is None:
        raise CatalogError(f"{path}:{number}: write a parameter as 'param NAME: TYPE[?] doc'")
    pname, ptype, optional, pdoc = match.groups()
    if ptype not in PARAM_TYPES:
        raise CatalogError(f"{path}:{number}: unknown type '{ptype}' (use {', '.join(PARAM_TYPES)})")
    if pname in declared_at:
        raise CatalogError(f"{path}:{number}: parameter '{pname}' is declared twice")
    if pname == SCOPE_PARAM and (ptype != "list" or not optional):
        raise CatalogError(f"{path}:{number}: declare the version scope as 'param {SCOPE_PARAM}: list? ...'")
    return pname, Param(pname, ptype, bool(optional), pdoc.strip())


def _check_parameters(
    path: Path, lines: list[str], body_start: int, cypher: str, declared_at: Mapping[str, int]
) -> None:
    """Every declared parameter or constant is used, and every `$name` used is declared."""
    used = set(_USED.findall(_STRINGS_AND_COMMENTS.sub("", cypher)))
    for pname, number in declared_at.items():
        if pname not in used:
            raise CatalogError(f"{path}:{number}: parameter '{pname}' is declared but not used")
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        for pname in _USED.findall(_STRINGS_AND_COMMENTS.sub("", line)):
            if pname not in declared_at:
                raise CatalogError(f"{path}:{number}: parameter '${pname}' is used but not declared")


def _returned(cypher: str) -> set[str]:
    """The names the query's last RETURN can produce (its words: enough to catch a misspelt column)."""
    text = _STRINGS_AND_COMMENTS.sub("", cypher)
    found = list(re.finditer(r"\bRETURN\b", text, re.I))
    return set(re.findall(r"\w+", text[found[-1].end() :])) if found else set()


def _finding(  # noqa: C901 - one branch per finding field, each checked in place
    path: Path,
    name: str,
    entries: list[tuple[int, list[str], str]],
    cypher: str,
    params: Mapping[str, int],
    mode: str,
) -> Finding:
    """The Finding the `// finding ...` lines declare, each line checked (path:line on the first problem)."""
    returned = _returned(cypher)
    fields: dict[str, Any] = {"key": name, "order": 1000, "year": "budget"}
    description: list[str] = []
    columns: list[Column] = []
    seen: set[str] = set()
    for number, words, value in entries:
        where = f"{path}:{number}"
        kind = words[0] if words else "title"
        _check_finding_line(where, kind, words, value, seen, mode)
        if kind == "title":
            fields["title"] = value
        elif kind == "description":
            description.append(value)
        elif kind == "key":
            fields["key"] = _snake(where, value, "finding key")
        elif kind == "order":
            if not re.fullmatch(r"-?\d+", value):
                raise CatalogError(f"{where}: finding order must be a whole number, not '{value}'")
            fields["order"] = int(value)
        elif kind == "year":
            if value not in YEAR_KINDS:
                raise CatalogError(f"{where}: finding year must be {' or '.join(YEAR_KINDS)}, not '{value}'")
            if "year" not in params:
                raise CatalogError(f"{where}: finding year needs a '$year' parameter")
            fields["year"] = value
        elif kind == "budget":
            fields["budget"] = _column(where, value, returned)
        elif kind == "marks":
            if len(words) != 3:
                raise CatalogError(f"{where}: write 'finding marks COLUMN LABEL: LEGEND TITLE'")
            fields["mark"] = Mark(_column(where, words[1], returned), _label(where, words[2]), value)
        elif kind == "column":
            if len(words) not in (2, 3):
                raise CatalogError(f"{where}: write 'finding column COLUMN [LABEL]: HEADER'")
            column = _column(where, words[1], returned)
            if any(item.name == column for item in columns):
                raise CatalogError(f"{where}: column '{column}' is declared twice")
            columns.append(Column(column, value, _label(where, words[2]) if len(words) == 3 else None))
        else:
            raise CatalogError(
                f"{where}: unknown finding line 'finding {kind}' (title, description, order, key, "
                "year, budget, marks, column)"
            )
    if not description:
        raise CatalogError(f"{path}:{entries[0][0]}: finding '{name}' needs a '// finding description: ...' line")
    return Finding(description=" ".join(description), columns=tuple(columns), **fields)


def _check_finding_line(where: str, kind: str, words: list[str], value: str, seen: set[str], mode: str) -> None:
    """The checks every finding line passes whatever its kind, before its own; records the kind in `seen` so that
    a field declared twice, or before the title, is reported at its line."""
    if kind in seen and kind not in ("description", "column"):
        raise CatalogError(f"{where}: 'finding {kind}' is declared twice")
    seen.add(kind)
    if not value:
        raise CatalogError(f"{where}: 'finding {' '.join(words)}' needs a value after the colon")
    if kind != "title" and "title" not in seen:
        raise CatalogError(f"{where}: declare '// finding: TITLE' before the other finding lines")
    if kind == "title" and mode != "read":
        raise CatalogError(f"{where}: a finding must be a read query")
    if kind in ("title", "description", "key", "order", "year", "budget") and len(words) > 1:
        raise CatalogError(f"{where}: write 'finding {kind}: VALUE'")


def _snake(where: str, value: str, what: str) -> str:
    if not _SNAKE.fullmatch(value):
        raise CatalogError(f"{where}: {what} '{value}' must be lower_snake_case")
    return value


def _column(where: str, column: str, returned: set[str]) -> str:
    if column not in returned:
        raise CatalogError(f"{where}: column '{column}' is not returned by the query")
    return column


def _label(where: str, label: str) -> str:
    if label not in ELEMENT_LABELS:
        raise CatalogError(f"{where}: unknown label '{label}' (use {', '.join(ELEMENT_LABELS)})")
    return label


def _article(type_name: str) -> str:
    return {
        "int": "an integer",
        "float": "a number",
        "bool": "true or false",
        "str": "text",
        "list": "a list of text (or text separated by commas)",
    }[type_name]
