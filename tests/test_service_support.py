"""Shared fixtures and helpers of the service tests (test_service_*.py import them); holds no tests.

The app runs against the real Neo4j of the test session (the `runner` fixture, emptied per test);
`loaded` puts tests/data/mini in it. Expected answers below are worked out from those CSV files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, imported_once

from service import create_app

MINI = DATA / "mini"
READER = "reader-token-0001"
EDITOR = "editor-token-0001"
TOKENS = {READER: "reader", EDITOR: "editor"}
AS_READER = {"Authorization": f"Bearer {READER}"}
AS_EDITOR = {"Authorization": f"Bearer {EDITOR}"}
REMOTE = {"REMOTE_ADDR": "203.0.113.7"}  # not loopback

NIP_SITI = "198503152010011002"
NIP_RINA = "199105052019022004"
NIP_JOKO = "199208082020121005"


def make_app(runner: Any, **config: Any):
    """The app on the test database; the data version is read on every request (tests change the data
    between requests; test_service_cache.py checks the production interval)."""
    return create_app({"TESTING": True, "RUNNER": runner, "TOKENS": TOKENS, "CACHE_CHECK_SECONDS": 0, **config})


@pytest.fixture
def app(runner):
    return make_app(runner)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def loaded(runner):
    """The runner with tests/data/mini imported, and nothing else (imported once while nothing else is committed)."""
    return imported_once(runner, MINI)


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The one error shape, with this status."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and all(isinstance(item, str) for item in body["errors"])
    assert body["errors"], "errors lists at least the error itself"
    return body


def csv_files(folder: Path = MINI, **replace: str) -> dict[str, bytes]:
    """The CSV files of a folder, optionally with whole files replaced (name -> text)."""
    files = {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}
    files.update({name: text.encode("utf-8") for name, text in replace.items()})
    return files


def zip_bytes(files: dict[str, bytes], prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(prefix + name, data)
    return buffer.getvalue()


def xlsx_bytes(folder: Path = MINI) -> bytes:
    """A workbook with one sheet per CSV file, every cell as text (NIPs stay text)."""
    import csv

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Any, data: bytes, filename: str, headers: dict[str, str] | None = AS_EDITOR, **fields: str) -> Any:
    form: dict[str, Any] = {"file": (io.BytesIO(data), filename), **fields}
    return client.post("/api/import", data=form, headers=headers or {}, content_type="multipart/form-data")
