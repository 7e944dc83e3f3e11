"""POST /api/import: zip and xlsx uploads like the CLI, all or nothing, and unsafe uploads refused."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import tempfile
import zipfile

from conftest import snapshot
from test_service_support import (
    AS_EDITOR,
    AS_READER,
    MINI,
    assert_error,
    csv_files,
    make_app,
    upload,
    xlsx_bytes,
    zip_bytes,
)

from graph.importer import import_path

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures


def test_zip_import_writes_the_same_graph_as_the_cli(client, runner):
    response = upload(client, zip_bytes(csv_files()), "mini.zip")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["ok"] is True and body["dataset"] == "PEMDA" and body["dry_run"] is False
    assert body["counts"] and all(isinstance(count, int) for count in body["counts"].values())
    assert body["written"]["nodes_created"] > 0
    via_api = snapshot(runner)
    runner.write("MATCH (n) DETACH DELETE n")
    import_path(MINI, runner)
    assert snapshot(runner) == via_api
    again = upload(client, zip_bytes(csv_files()), "mini.zip").get_json()
    assert again["written"]["nodes_created"] == 0 and again["written"]["relationships_created"] == 0


def test_the_import_answer_lists_its_warnings(client, runner):
    indicators = (MINI / "indicators.csv").read_text(
        encoding="utf-8"
    ) + "I-OPD,S1,OPD terlayani,,positif,2026,,25 OPD,-\n"
    response = upload(client, zip_bytes(csv_files(**{"indicators.csv": indicators})), "mini.zip")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["warnings"] == []  # a unit in the target fills the empty satuan: nothing to warn about
    assert runner.read("MATCH (i:Indicator {id: 'I-OPD'}) RETURN i.satuan AS s") == [{"s": "OPD"}]
    indicators = indicators.replace("25 OPD,-", "-,-")
    body = upload(client, zip_bytes(csv_files(**{"indicators.csv": indicators})), "mini.zip", dry_run="true").get_json()
    assert body["warnings"] == [
        {
            "file": "indicators.csv",
            "row": 5,
            "column": "target",
            "message": "no target for 2026 ('-'): read as no value, not as 0",
            "text": "indicators.csv:5: target: no target for 2026 ('-'): read as no value, not as 0",
        }
    ]


def test_zip_with_the_files_in_a_folder_and_a_dataset_name(client, runner):
    response = upload(client, zip_bytes(csv_files(), prefix="kabupaten/"), "kabupaten.zip", dataset="uji")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["dataset"] == "uji"
    assert runner.read("MATCH (g:Goal {id: 'V1'}) RETURN g.dataset AS dataset")[0]["dataset"] == "uji"


def test_xlsx_import(client, runner):
    response = upload(client, xlsx_bytes(), "Kabupaten Uji.xlsx")
    assert response.status_code == 200, response.get_json()
    assert runner.read("MATCH (s:ASN) RETURN count(s) AS n")[0]["n"] == 5


def test_dry_run_validates_and_writes_nothing(client, runner):
    before = snapshot(runner)
    body = upload(client, zip_bytes(csv_files()), "mini.zip", dry_run="true").get_json()
    assert body["ok"] is True and body["dry_run"] is True and body["written"] is None
    assert snapshot(runner) == before
    assert_error(upload(client, zip_bytes(csv_files()), "mini.zip", dry_run="perhaps"), 400)


def test_a_bad_upload_lists_every_problem_and_writes_nothing(client, loaded):
    before = snapshot(loaded)
    activities = (MINI / "activities.csv").read_text(encoding="utf-8").replace("Rp 250.000.000", "-5")
    staff = (MINI / "staff.csv").read_text(encoding="utf-8").replace(",RHK-1\n", ",RHK-404\n")
    body = assert_error(
        upload(client, zip_bytes(csv_files(**{"activities.csv": activities, "staff.csv": staff})), "mini.zip"), 400
    )
    assert body["error"] == f"{len(body['errors'])} problem(s) in the import; nothing was written"
    assert body["errors"][0] == "activities.csv:4: budget: -5 is negative; it must be 0 or more"
    assert body["errors"][-1] == "staff.csv:4: assigned_to: 'RHK-404' does not exist in this import or in the database"
    assert body["problems"][-1] == {
        "file": "staff.csv",
        "row": 4,
        "column": "assigned_to",
        "message": "'RHK-404' does not exist in this import or in the database",
        "text": body["errors"][-1],
    }
    assert snapshot(loaded) == before


def test_an_upload_defining_another_datasets_node_is_refused(client, loaded):
    before = snapshot(loaded)
    texts = {name: data.decode("utf-8").splitlines()[0] + "\n" for name, data in csv_files().items()}
    texts["units.csv"] += "KEC,Kecamatan Uji,perangkat_daerah,\n"
    texts["staff.csv"] += "199002022015032003,Andi,Pengelola Data,KEC,,\n"  # PEMDA's NIP, defined again
    files = csv_files(**texts)
    body = assert_error(upload(client, zip_bytes(files), "kec.zip"), 400)
    message = (
        "'199002022015032003' already belongs to dataset 'PEMDA'; ids are unique across datasets "
        "(import that dataset to change it)"
    )
    assert body["errors"] == [f"staff.csv:2: nip: {message}"]
    assert body["problems"] == [
        {"file": "staff.csv", "row": 2, "column": "nip", "message": message, "text": body["errors"][0]}
    ]
    assert snapshot(loaded) == before


def test_missing_files_are_reported_without_temporary_paths(client, runner):
    files = csv_files()
    del files["units.csv"]
    body = assert_error(upload(client, zip_bytes(files), "mini.zip"), 400)
    assert body["errors"] == ["units.csv: file missing from the upload"]
    assert "/tmp" not in str(body)


def _zip_with(name: str, data: bytes = b"x", symlink: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, content in csv_files().items():
            archive.writestr(file_name, content)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if symlink:
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, data)
    return buffer.getvalue()


def test_unsafe_archives_are_refused_before_anything_is_unpacked(client, runner, tmp_path):
    before = snapshot(runner)
    for archive, fragment in [
        (_zip_with("../evil.csv"), "'..'"),
        (_zip_with("data/../../evil.csv"), "'..'"),
        (_zip_with("/tmp/evil.csv"), "absolute"),
        (_zip_with("C:/evil.csv"), "absolute"),
        (_zip_with("link.csv", b"/etc/passwd", symlink=True), "symbolic link"),
    ]:
        body = assert_error(upload(client, archive, "mini.zip"), 400)
        assert body["error"].startswith("unsafe archive") and fragment in body["error"], body["error"]
    assert snapshot(runner) == before


def test_zip_bombs_and_crowded_archives_are_refused(runner):
    client = make_app(runner, ZIP_MAX_UNPACKED_MB=1, ZIP_MAX_MEMBERS=10).test_client()
    bomb = _zip_with("padding.csv", b"0" * (3 * 1024 * 1024))
    assert len(bomb) < 100_000
    assert "unpacks to" in assert_error(upload(client, bomb, "mini.zip"), 400)["error"]
    crowded = zip_bytes({f"extra{number}.txt": b"x" for number in range(11)})
    assert "at most 10" in assert_error(upload(client, crowded, "mini.zip"), 400)["error"]
    assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_wrong_kinds_of_upload(client):
    assert_error(upload(client, b"%PDF-1.4", "report.pdf"), 415)
    assert_error(upload(client, b"id,name\n", "units.csv"), 415)
    assert_error(upload(client, b"not a zip at all", "mini.zip"), 415)
    assert_error(upload(client, b"", "mini.xlsx"), 415)
    assert "not a readable zip" in assert_error(upload(client, b"PK\x03\x04broken", "mini.zip"), 400)["error"]
    assert_error(
        client.post("/api/import", data={"dataset": "x"}, headers=AS_EDITOR, content_type="multipart/form-data"), 400
    )


def test_oversize_upload_is_413(runner):
    client = make_app(runner, MAX_UPLOAD_MB=0.01).test_client()
    body = assert_error(upload(client, b"PK\x03\x04" + b"0" * 20_000, "big.zip"), 413)
    assert "0.01 MB" in body["error"]


def test_import_needs_an_editor_token(client, runner):
    assert_error(upload(client, zip_bytes(csv_files()), "mini.zip", headers=None), 401)
    body = assert_error(upload(client, zip_bytes(csv_files()), "mini.zip", headers=AS_READER), 403)
    assert "editor" in body["error"]
    assert runner.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_an_upload_bad_on_every_row_lists_the_first_problems_and_counts_them_all(client, loaded):
    """Every row bad: the body stays small (the first MAX_PROBLEMS_SHOWN problems), the total is counted."""
    from graph.importer.errors import MAX_PROBLEMS_SHOWN

    before = snapshot(loaded)
    bad = 20_000
    units = (MINI / "units.csv").read_text(encoding="utf-8") + "".join(
        f"U{i},Unit {i},no_such_kind,PEMDA\n" for i in range(bad)
    )
    response = upload(client, zip_bytes(csv_files(**{"units.csv": units})), "mini.zip")
    body = assert_error(response, 400)
    assert body["error"] == f"{bad} problem(s) in the import; nothing was written"
    assert body["total"] == bad and body["not_shown"] == bad - MAX_PROBLEMS_SHOWN
    assert len(body["problems"]) == MAX_PROBLEMS_SHOWN and len(body["errors"]) == MAX_PROBLEMS_SHOWN + 1
    assert body["errors"][0].startswith("units.csv:6: kind: ")
    assert body["errors"][-1] == f"{bad - MAX_PROBLEMS_SHOWN} more problems not shown ({bad} in all)"
    assert len(response.data) < 100_000
    assert snapshot(loaded) == before


def _own_folders() -> set[str]:
    return {
        entry.name
        for entry in os.scandir(tempfile.gettempdir())
        if entry.name.startswith(f"pokin-import-{os.getpid()}-")
    }


def test_the_import_folder_is_private_and_removed_whatever_the_outcome(client, runner, monkeypatch):
    """The unpacked files (names, NIPs) sit in a folder only the service's user can read, gone afterwards."""
    from service import imports

    seen = []
    real_import = imports.import_path

    def watching(path, *args, **kwargs):
        folder = path if path.is_dir() and path.name != "upload" else path.parent
        seen.append((folder.name, stat.S_IMODE(folder.stat().st_mode)))
        return real_import(path, *args, **kwargs)

    monkeypatch.setattr(imports, "import_path", watching)
    assert upload(client, zip_bytes(csv_files()), "mini.zip").status_code == 200
    bad = (MINI / "goals.csv").read_text(encoding="utf-8").replace("S1,sasaran,", "S1,sasaran_x,")
    assert_error(upload(client, zip_bytes(csv_files(**{"goals.csv": bad})), "mini.zip"), 400)
    assert upload(client, xlsx_bytes(), "uji.xlsx", dry_run="true").status_code == 200
    assert len(seen) == 3
    for name, mode in seen:
        assert name.startswith(f"pokin-import-{os.getpid()}-") and mode == 0o700
    assert _own_folders() == set()


def test_folders_left_by_killed_processes_are_removed_at_start_and_at_the_next_import(
    client, runner, monkeypatch, tmp_path
):
    from service.http import uploads

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen(["true"])
    gone.wait()
    living = subprocess.Popen(["sleep", "60"])
    try:

        def left_by(pid: int, name: str) -> str:
            folder = tmp_path / f"pokin-import-{pid}-{name}"
            (folder / "upload").mkdir(parents=True)
            (folder / "upload" / "staff.csv").write_text("nip,name\n198503152010011002,Siti\n")
            return folder.name

        stale, alive = left_by(gone.pid, "a1"), left_by(living.pid, "b2")
        (tmp_path / "pokin-import-unrelated.txt").write_text("not a folder")
        make_app(runner)
        assert sorted(entry.name for entry in tmp_path.iterdir()) == [alive, "pokin-import-unrelated.txt"]
        stale = left_by(gone.pid, "c3")
        assert upload(client, zip_bytes(csv_files()), "mini.zip", dry_run="true").status_code == 200
        assert not (tmp_path / stale).exists() and (tmp_path / alive).exists()
        living.kill()
        living.wait()
        assert uploads.remove_stale_import_folders() == [tmp_path / alive]
    finally:
        living.kill()
        living.wait()


def test_matriks_workbook_upload_with_its_options_and_warnings(client, runner, tmp_path):
    from test_import_matriks import GOOD, small_book

    rows = [list(row) for row in GOOD]
    rows[1][7] = "650"  # the program's Rp differs from its kegiatan's: a warning, imported all the same
    data = small_book(tmp_path / "renstra.xlsx", rows, title="Dinas Kesehatan").read_bytes()
    body = upload(client, data, "renstra.xlsx", pemda="Kabupaten Lain").get_json()
    assert body["ok"] is True and body["dataset"] == "KAB-LAIN", body  # pemda given: it wins over the title
    assert any(w["text"].startswith("renstra.xlsx:Dinkes:4: H (Rp 2025): 1.02.02: Rp 650") for w in body["warnings"])
    assert runner.read("MATCH (a:Activity {dataset: 'KAB-LAIN'}) RETURN count(a) AS n")[0]["n"] == 7
    assert_error(upload(client, data, "renstra.xlsx", period_start="tahun lalu"), 400)


def test_an_upload_answers_its_import_id_and_the_log_lists_it(client, runner):
    body = upload(client, zip_bytes(csv_files()), "mini.zip").get_json()
    assert body["import_id"] and len(body["digest"]) == 64 and body["settled"] is False
    log = client.get("/api/imports", headers=AS_READER).get_json()
    assert log["total"] == 1
    [entry] = log["rows"]
    assert entry["id"] == body["import_id"] and entry["dataset"] == "PEMDA" and entry["source"] == "upload mini.zip"
    assert entry["digest"] == body["digest"] and entry["counts"] == body["counts"]
    assert entry["nodes_created"] == body["written"]["nodes_created"]
    again = upload(client, zip_bytes(csv_files()), "mini.zip").get_json()
    assert again["import_id"] is None and again["digest"] == body["digest"]  # nothing changed: not recorded
    dry = upload(client, zip_bytes(csv_files()), "mini.zip", dry_run="true").get_json()
    assert dry["previous"]["id"] == body["import_id"] and dry["same_files_as_previous"] is True
    assert client.get("/api/imports?dataset=OTHER", headers=AS_READER).get_json()["total"] == 0
    assert client.get("/api/imports.csv", headers=AS_READER).status_code == 200
    assert_error(client.get("/api/imports?data=PEMDA", headers=AS_READER), 400)


def test_an_upload_whose_commit_lost_its_answer_after_committing_answers_200(client, runner, lose_commit):
    fired = lose_commit(after=True)
    response = upload(client, zip_bytes(csv_files()), "mini.zip")
    assert fired == [True]
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["settled"] is True and body["written"]["nodes_created"] == 28 and body["import_id"]
    assert runner.read("MATCH (s:ASN) RETURN count(s) AS n")[0]["n"] == 5


def test_an_upload_whose_commit_lost_its_answer_before_committing_says_not_written(client, loaded, lose_commit):
    before = snapshot(loaded)
    changed = {**csv_files(), "goals.csv": (MINI / "goals.csv").read_bytes().replace(b"Meningkatkan", b"Menurunkan")}
    fired = lose_commit(after=False)
    body = assert_error(upload(client, zip_bytes(changed), "mini.zip"), 503)
    assert fired == [False]
    assert body["code"] == "import_not_written" and body["dataset"] == "PEMDA" and body["import_id"]
    assert "did not commit: nothing of it was written" in body["error"] and "IncompleteCommit" in body["error"]
    assert snapshot(loaded) == before
    assert body["import_id"] not in {
        row["id"] for row in client.get("/api/imports", headers=AS_READER).get_json()["rows"]
    }
