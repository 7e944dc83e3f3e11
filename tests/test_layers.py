"""The layers in the folders: every module's imports (module level and inside functions) walked with ast.

Top to bottom: cli > service > visual > graph > cypher (the queries, package data). seed/ and bench/ are tools:
they may import the product and each other, the product (graph, visual, service) never imports them, and only
cli imports both. A failure names the module, the line and the upward import.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCT = {"cypher": 0, "graph": 1, "visual": 2, "service": 3}
TOOLS = ("seed", "bench")
ALLOWED = {
    **{package: {below for below, rank in PRODUCT.items() if rank <= PRODUCT[package]} for package in PRODUCT},
    **{tool: set(PRODUCT) | set(TOOLS) for tool in TOOLS},
    "cli": set(PRODUCT) | set(TOOLS) | {"cli"},
}
# The local Neo4j launcher starts a database for the CLI, the bench and the tests; the product only connects to one.
LAUNCHER = "graph.launcher"
LAUNCHER_USERS = ("cli", "bench", "graph.launcher")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file; relative imports resolved against `module`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def packages(root: Path) -> list[str]:
    """The top-level packages of the repository (tests excluded)."""
    return sorted(
        folder.name for folder in root.iterdir() if (folder / "__init__.py").is_file() and folder.name != "tests"
    )


def violations(root: Path) -> list[str]:
    """Every import that goes up the layers, as `path:line: module imports X (package may import ...)`."""
    ours = set(packages(root))
    problems = []
    for package in sorted(ours):
        allowed = ALLOWED.get(package, set())
        for path in sorted((root / package).rglob("*.py")):
            module = _module_name(path, root)
            for line, imported in _imports(path, module):
                top = imported.split(".")[0]
                where = f"{path.relative_to(root)}:{line}: {module} imports {imported}"
                if top in ours and top not in allowed:
                    problems.append(f"{where} ({package} may import only {', '.join(sorted(allowed))})")
                elif (imported + ".").startswith(LAUNCHER + ".") and not module.startswith(LAUNCHER_USERS):
                    problems.append(f"{where} (the launcher is for {', '.join(LAUNCHER_USERS)})")
    return problems


def test_every_package_has_a_layer():
    assert set(packages(ROOT)) <= set(ALLOWED), "a new top-level package needs its place in ALLOWED"
    assert set(packages(ROOT)) >= {"cli", "graph", "visual", "service", "seed", "bench", "cypher"}


def test_no_module_imports_upward():
    assert violations(ROOT) == []


def test_an_upward_import_is_named(tmp_path):
    """The walk sees imports inside functions and relative ones, and names module, line and import."""
    for package in ("graph", "service", "seed", "cli"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "graph" / "model.py").write_text("import os\n\n\ndef f():\n    from service import app\n")
    (tmp_path / "service" / "app.py").write_text("from graph import model\nfrom . import app\nimport seed.synthetic\n")
    (tmp_path / "seed" / "synthetic.py").write_text("from graph.launcher.server import free_port\n")
    (tmp_path / "cli" / "main.py").write_text("import seed, service, graph.launcher.server\n")
    found = violations(tmp_path)
    assert found == [
        "graph/model.py:5: graph.model imports service (graph may import only cypher, graph)",
        "seed/synthetic.py:1: seed.synthetic imports graph.launcher.server (the launcher is for cli, bench, "
        "graph.launcher)",
        "service/app.py:3: service.app imports seed.synthetic (service may import only cypher, graph, service, visual)",
    ]


def environment_reads(root: Path) -> list[str]:
    """`path:line` of every read of the environment (os.environ, os.getenv, environ imported) in service/
    outside service/config.py, the one place the service's settings come from."""
    found = []
    for path in sorted((root / "service").rglob("*.py")):
        if path.relative_to(root) == Path("service/config.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            of_os = (
                isinstance(node, ast.Attribute)
                and node.attr in ("environ", "getenv")
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            )  # not a request's WSGI environ
            imported = (
                isinstance(node, ast.ImportFrom)
                and node.module == "os"
                and any(alias.name in ("environ", "getenv") for alias in node.names)
            )
            if of_os or imported:
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found))


def test_the_service_reads_the_environment_in_one_place(tmp_path):
    assert environment_reads(ROOT) == []
    (tmp_path / "service" / "pages").mkdir(parents=True)
    (tmp_path / "service" / "config.py").write_text("import os\nA = os.environ.get('POKIN_A')\n")
    (tmp_path / "service" / "pages" / "x.py").write_text("import os\n\nB = os.getenv('POKIN_B')\n")
    (tmp_path / "service" / "y.py").write_text(
        "from os import environ\nfrom flask import request\n\nC = request.environ.get('HTTP_HOST')\n"
    )
    assert environment_reads(tmp_path) == ["service/pages/x.py:3", "service/y.py:1"]
