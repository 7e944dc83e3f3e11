"""The code's shape: no function longer than MAX_LINES unless it is listed in LONG_FUNCTIONS with the reason.

ruff checks complexity (C901, pyproject.toml) but has no rule on length; this walks the syntax tree of every
module of the packages and of bench/ instead. A function's length counts its whole body, nested functions
included, from its `def` line to its last line.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cli", "graph", "service", "visual", "seed", "bench")
MAX_LINES = 60

# "path:function" -> why it is longer; remove an entry when its function is split (the test says so)
LONG_FUNCTIONS = {
    "graph/documents.py:to_xlsx": "the sheet top to bottom: titles, each table (header, rows, totals), signature, "
    "widths, print setup",
    "graph/importer/build.py:_indicators": "the checks of one indicator file row in order: element, repeats, "
    "years, satuan, figures; then one pass over the indicators",
    "graph/importer/matriks.py:read": "one loop over a sheet's rows: the tujuan, sasaran and element above carry "
    "from row to row",
    "service/openapi.py:document": "the OpenAPI document as one literal: the paths read as the API reference",
    "service/openapi.py:_components": "the OpenAPI components as one literal, beside the paths that use them",
    "seed/build_sample.py:analyse": "the expected counts and planted defects of the sample, one check after another",
    "seed/build_sample.py:write_readme": "the sample's README text as one template",
    "seed/build_sample.py:build_opd": "one OPD's tree top-down in a fixed order (the random stream depends on it)",
    "bench/matriks.py:build_workbook": "one workbook's sheets and rows written in order",
    "bench/soak.py:drive": "the soak's one loop mixing reads, analyst queries and refused uploads",
}


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None
    ]


def _long_functions() -> dict[str, int]:
    found: dict[str, int] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name, lines in _functions(path):
                if lines > MAX_LINES:
                    found[f"{path.relative_to(ROOT).as_posix()}:{name}"] = lines
    return found


def test_no_function_is_longer_than_the_limit_without_a_reason():
    unlisted = {name: lines for name, lines in _long_functions().items() if name not in LONG_FUNCTIONS}
    assert not unlisted, f"functions over {MAX_LINES} lines (split them, or list them with the reason): {unlisted}"


def test_every_listed_long_function_is_still_long():
    found = _long_functions()
    stale = sorted(name for name in LONG_FUNCTIONS if name not in found)
    assert not stale, f"no longer over {MAX_LINES} lines: remove from LONG_FUNCTIONS: {stale}"
    assert all(reason.strip() for reason in LONG_FUNCTIONS.values())


def test_the_walk_sees_a_long_function(tmp_path):
    """The length counts from `def` to the last line, nested functions included."""
    body = "\n".join(f"    x{number} = {number}" for number in range(MAX_LINES))
    (tmp_path / "m.py").write_text(
        f"def long():\n    def inner():\n        pass\n{body}\n\n\ndef short():\n    return 1\n", encoding="utf-8"
    )
    assert _functions(tmp_path / "m.py") == [("long", MAX_LINES + 3), ("short", 2), ("inner", 2)]
