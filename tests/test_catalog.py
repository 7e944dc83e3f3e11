"""The catalog loader: malformed query files fail with path:line; parameters are checked and typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import CYPHER_DIR, CatalogError, ParameterError, load_catalog, reference_markdown
from graph.versions import LIST_QUERY, UNRECORDED_QUERY

DOCS = Path(__file__).resolve().parent.parent / "docs" / "queries.md"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (
    "// name: demo\n// What it answers.\n// param year: int? The year.\nMATCH (g:Goal) WHERE $year IS NULL RETURN g\n"
)


def test_a_good_file_loads_with_its_doc_and_parameters(tmp_path):
    write(tmp_path, "demo.cypher", GOOD)
    query = load_catalog(tmp_path)["demo"]
    assert query.doc == "What it answers."
    assert [(p.name, p.type, p.optional, p.doc) for p in query.params] == [("year", "int", True, "The year.")]
    assert query.mode == "read" and query.cypher.startswith("MATCH")


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("// What it answers.\nMATCH (n) RETURN n\n", 1, "missing '// name: ...'"),
        ("// name: empty\n// Nothing here.\n", 2, "empty body"),
        ("// name: unused\n// param year: int the year\nMATCH (n) RETURN n\n", 2, "declared but not used"),
        ("// name: undeclared\n// doc\nMATCH (n)\nWHERE n.year = $year\nRETURN n\n", 4, "used but not declared"),
        ("// name: badtype\n// param year: integer\nMATCH (n) WHERE n.y = $year RETURN n\n", 2, "unknown type"),
        ("// name: BadName\nMATCH (n) RETURN n\n", 1, "lower_snake_case"),
        ("// name: twice\n// param a: int\n// param a: int\nMATCH (n) WHERE n.a = $a RETURN n\n", 3, "declared twice"),
        ("// name: mode\n// mode: sometimes\nMATCH (n) RETURN n\n", 2, "mode must be"),
        ("// name: syntax\n// param: int\nMATCH (n) RETURN n\n", 2, "param NAME: TYPE"),
    ],
)
def test_a_bad_file_fails_naming_path_and_line(tmp_path, text, line, fragment):
    path = write(tmp_path, "bad.cypher", text)
    with pytest.raises(CatalogError) as failed:
        load_catalog(tmp_path)
    assert str(failed.value).startswith(f"{path}:{line}: ")
    assert fragment in str(failed.value)


def test_parameters_in_strings_and_comments_do_not_count(tmp_path):
    write(tmp_path, "q.cypher", "// name: q\n// doc\nMATCH (n) WHERE n.x = '$notparam' // $nor_this\nRETURN n\n")
    assert load_catalog(tmp_path)["q"].params == ()


def test_duplicate_names_fail(tmp_path):
    write(tmp_path, "a.cypher", GOOD)
    second = write(tmp_path, "b.cypher", GOOD)
    with pytest.raises(CatalogError, match=f"^{second}:1: query name 'demo' is already used"):
        load_catalog(tmp_path)


def test_binding_checks_every_parameter_at_once(tmp_path):
    write(
        tmp_path,
        "q.cypher",
        "// name: q\n// doc\n// param year: int\n// param unit: str?\n"
        "// param ratio: float?\n// param on: bool?\n"
        "MATCH (n) WHERE n.y = $year AND $unit IS NULL AND $ratio IS NULL AND $on IS NULL "
        "RETURN n\n",
    )
    query = load_catalog(tmp_path)["q"]
    assert query.bind({"year": "2026", "ratio": "0.5", "on": "true"}) == {
        "year": 2026,
        "unit": None,
        "ratio": 0.5,
        "on": True,
    }
    assert query.bind({"year": 2025, "ratio": 1}) == {"year": 2025, "unit": None, "ratio": 1.0, "on": None}
    with pytest.raises(ParameterError) as failed:
        query.bind({"year": "twenty", "colour": "red", "on": "maybe"})
    assert failed.value.errors == [
        "unknown parameter 'colour'",
        "parameter 'year' must be an integer, not 'twenty'",
        "parameter 'on' must be true or false, not 'maybe'",
    ]
    with pytest.raises(ParameterError, match="'year' is required"):
        query.bind({})
    with pytest.raises(ParameterError, match="must be an integer"):
        query.bind({"year": True})


def test_the_project_catalog_loads_and_documents_every_query():
    catalog = load_catalog(CYPHER_DIR)
    assert {"orphaned_staff", "activities_without_leverage", "budget_at_risk_by_unit"} <= set(catalog.queries)
    for query in catalog:
        assert query.doc and query.summary.endswith("."), query.name
        assert all(param.doc for param in query.params), query.name


def test_the_query_reference_is_in_sync():
    expected = reference_markdown(load_catalog(CYPHER_DIR))
    assert DOCS.read_text(encoding="utf-8") == expected, "run: pokin queries --markdown > docs/queries.md"


def test_any_reader_runs_a_read_query_but_only_a_runner_writes(tmp_path):
    """graph.db.Reader: the service's Database (or anything with `read`) runs read-mode queries through
    Catalog.run; a write-mode query asks for the Runner itself instead of failing on a missing `write`."""
    write(tmp_path, "demo.cypher", GOOD)
    write(tmp_path, "touch.cypher", "// name: touch\n// Marks a goal.\n// mode: write\nMATCH (g:Goal) SET g.x = 1\n")
    catalog = load_catalog(tmp_path)

    class Reading:
        def __init__(self) -> None:
            self.asked: list[tuple[str, dict]] = []

        def read(self, cypher, params=None, *, timeout=None, limit=None, packed=False):
            self.asked.append((cypher, dict(params or {})))
            return [{"g": "row"}]

    reader = Reading()
    assert catalog.run(reader, "demo", {"year": 2026}) == [{"g": "row"}]
    assert reader.asked == [(catalog["demo"].cypher, {"year": 2026})]
    with pytest.raises(TypeError, match=r"query 'touch' writes: it needs a graph\.db\.Runner, not a Reading"):
        catalog.run(reader, "touch")


SCOPED = (
    "// name: scoped\n// What it answers.\n"
    "// param datasets: list? Versions to read.\n"
    "MATCH (g:Goal) WHERE $datasets IS NULL OR g.dataset IN $datasets RETURN g\n"
)


class Versions:
    """A Reader holding version records only (what graph.versions.default_scope reads), recording the rest."""

    def __init__(self, versions: list[dict]) -> None:
        self.versions = versions
        self.asked: list[dict] = []

    def read(self, cypher, params=None, *, timeout=None, limit=None, packed=False):
        if cypher == LIST_QUERY:
            return [{"v": version} for version in self.versions]
        if cypher == UNRECORDED_QUERY:
            return []
        self.asked.append(dict(params or {}))
        return []


def _version(dataset: str, year: int) -> dict:
    return {"dataset": dataset, "pemda": dataset.split("@")[0], "name": None, "kind": "pk", "year": year, "at": None}


@pytest.mark.parametrize(
    "declaration",
    ["// param datasets: str? Versions.", "// param datasets: list Versions.", "// param datasets: int? Versions."],
)
def test_the_version_scope_is_declared_as_an_optional_list(tmp_path, declaration):
    path = write(tmp_path, "q.cypher", SCOPED.replace("// param datasets: list? Versions to read.", declaration))
    with pytest.raises(CatalogError, match=rf"^{path}:3: declare the version scope as 'param datasets: list\? \.\.\.'"):
        load_catalog(tmp_path)


def test_a_list_parameter_takes_a_list_or_text_separated_by_commas_within_bounds(tmp_path):
    write(tmp_path, "q.cypher", SCOPED)
    query = load_catalog(tmp_path)["scoped"]
    assert query.scoped and [(p.name, p.type, p.optional) for p in query.params] == [("datasets", "list", True)]
    assert query.bind({"datasets": "a, b@2026,"}) == {"datasets": ["a", "b@2026"]}
    assert query.bind({"datasets": ("a",)}) == {"datasets": ["a"]}
    assert query.bind({}) == {"datasets": None}
    for bad in ([1, 2], {"a": 1}, ["x"] * 201, ["x" * 201]):
        with pytest.raises(ParameterError, match="parameter 'datasets'"):
            query.bind({"datasets": bad})


def test_the_catalog_fills_the_default_scope_unless_the_caller_names_one(tmp_path):
    """One version per Pemda: null (no filter); two of one Pemda: the latest of each Pemda; named: as named;
    `within` reads the default once for a run of several queries."""
    write(tmp_path, "q.cypher", SCOPED)
    catalog = load_catalog(tmp_path)
    single = Versions([_version("kab", 2025), _version("prov", 2025)])
    catalog.run(single, "scoped")
    assert single.asked == [{"datasets": None}]
    two = Versions([_version("kab", 2025), _version("kab@2026", 2026), _version("prov", 2025)])
    catalog.run(two, "scoped")
    catalog.run(two, "scoped", {"datasets": ["kab"]})
    catalog.run(two, "scoped", {"datasets": "kab"})
    assert two.asked == [{"datasets": ["kab@2026", "prov"]}, {"datasets": ["kab"]}, {"datasets": ["kab"]}]
    fixed = catalog.within(two, ["kab"])
    assert fixed.within(two) is fixed and fixed.scope(two) == ["kab"]
    two.asked.clear()
    fixed.run(two, "scoped")
    assert two.asked == [{"datasets": ["kab"]}]


def test_every_shipped_query_reads_a_version_scope():
    """docs/versions.md: every query over the data declares `datasets` and filters with it, or seeks each named
    version through its `dataset` index (`UNWIND $datasets AS dataset`)."""
    for query in load_catalog(CYPHER_DIR):
        assert query.scoped, query.name
        assert "$datasets IS NULL OR" in query.cypher or "UNWIND $datasets AS dataset" in query.cypher, query.name


def test_a_whole_label_or_its_named_versions_are_branches_of_union_all():
    """graph/catalog.py: the branch reading a whole label and the branch seeking each named version are joined by
    UNION ALL (a UNION keeps every row read to drop duplicates: 14 million contributions on the whole nation ran out
    of transaction memory), and the named versions are made distinct first, so that no row comes twice."""
    import re

    seeks = 0
    for query in load_catalog(CYPHER_DIR):
        lines = [line.strip() for line in query.cypher.splitlines() if not line.strip().startswith("//")]
        for number, line in enumerate(lines):
            if line != "UNWIND $datasets AS dataset":
                continue
            seeks += 1
            assert lines[number + 1] == "WITH DISTINCT dataset", query.name
            joined = [earlier for earlier in lines[:number] if re.fullmatch(r"UNION( ALL)?", earlier)]
            assert joined and joined[-1] == "UNION ALL", query.name
    assert seeks >= 10
