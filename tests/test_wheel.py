"""The wheel carries what pokin needs to run: built from the checkout (no build isolation, so no download),
unpacked into a folder of its own and run from there, away from the checkout, against the real Neo4j.

The queries are package data of `cypher` (pyproject.toml) read through importlib.resources (graph/catalog.py
CYPHER_DIR); every subpackage (graph.importer, graph.launcher, service.pages) ships too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import DATA

from graph.catalog import load_catalog
from graph.importer import import_path

ROOT = Path(__file__).resolve().parent.parent

WHERE = """
import json, sys
import cli.main, graph.catalog, graph.importer, graph.launcher.server, service.pages
from graph.catalog import CYPHER_DIR, load_complete_catalog
modules = [cli.main, graph.catalog, graph.importer, graph.launcher.server, service.pages]
print(json.dumps({"files": [module.__file__ for module in modules], "cypher_dir": str(CYPHER_DIR),
                  "queries": len(load_complete_catalog().queries)}))
"""


def _unpacked_wheel(tmp_path: Path) -> Path:
    """Built from a copy of what pyproject.toml packages: setuptools' build/ folder stays out of the checkout and
    nothing left in it from an earlier build (a module since moved) can slip into the wheel."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    include = re.search(
        r"\[tool\.setuptools\.packages\.find\]\ninclude = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.S
    )
    assert include is not None, "pyproject.toml lists the packages under [tool.setuptools.packages.find]"
    for package in re.findall(r'"(\w+)\*"', include.group(1)):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("pokin-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_the_wheel_runs_a_query_from_its_own_files(runner, neo4j_settings, tmp_path):
    import_path(DATA / "mini", runner)
    site = _unpacked_wheel(tmp_path)
    assert len(list((site / "cypher").glob("*.cypher"))) == len(load_catalog().queries)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    where = subprocess.run(
        [sys.executable, "-c", WHERE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert where.returncode == 0, where.stderr[-3000:]
    found = json.loads(where.stdout)
    assert all(Path(file).is_relative_to(site) for file in found["files"]), found["files"]
    assert Path(found["cypher_dir"]) == site / "cypher"
    assert found["queries"] == len(load_catalog().queries)

    ran = subprocess.run(
        [sys.executable, "-m", "cli", "query", "orphaned_staff", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    rows = json.loads(ran.stdout)["rows"]
    expected = load_catalog().run(runner, "orphaned_staff")
    assert {(row["nip"], row["reason"]) for row in rows} == {(row["nip"], row["reason"]) for row in expected}
    assert {(row["nip"], row["reason"]) for row in rows} == {
        ("199105052019022004", "dead_end"),
        ("199208082020121005", "dead_end"),
    }
