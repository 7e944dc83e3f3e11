"""POST /api/import: an uploaded .xlsx workbook or .zip of CSV files, imported like `pokin import`.

The upload is unpacked into a temporary folder and handed to graph.importer.import_path, so validation,
the `file:row: column: message` problems and the all-or-nothing transaction are exactly the CLI's.
The folder holds personal data (names, NIPs): it is private to the service's user (mode 0700), named
`pokin-import-<pid>-*` after the process that owns it, removed when the request ends however it ends and
when the process exits; one left by a process that was killed is removed at the next start or import
(`remove_stale_import_folders`: only folders whose owning process is gone).
A zip is opened defensively before anything is written to disk: members with absolute paths, `..`,
symlinks or encryption, more than ZIP_MAX_MEMBERS members, or more than ZIP_MAX_UNPACKED_MB once
unpacked (counted while reading, not trusted from the headers: zip bombs) are refused with 400. The
body size limit (POKIN_MAX_UPLOAD_MB) gives 413; a file that is neither .zip nor .xlsx gives 415.
"""
from __future__ import annotations

import atexit
import dataclasses
import io
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import neo4j.exceptions as neo4j_errors
from flask import current_app, request
from werkzeug.utils import secure_filename

from graph.importer import ImportNotWritten, ImportOutcomeUnknown, ImportRejected, MatriksOptions, import_path
from service.api import bp
from service.auth import require
from service.database import database
from service.errors import ApiError

KINDS = (".zip", ".xlsx")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")
CHUNK = 64 * 1024
FOLDER_PREFIX = "pokin-import-"
_OWNED = re.compile(r"pokin-import-(\d+)-")
LEGACY_STALE_SECONDS = 3600  # a folder named without its process (older versions): removed after an hour


@bp.post("/import")
@require("editor")
def import_upload():
    """Validate and (unless dry_run) write the uploaded dataset in one transaction."""
    unknown = [f"unknown parameter '{name}'" for name in request.args]
    unknown += [f"unknown form field '{name}'" for name in request.form
                if name not in ("dataset", "dry_run", "period_start", "pemda")]
    unknown += [f"unknown file field '{name}'" for name in request.files if name != "file"]
    if unknown:
        raise ApiError(400, "invalid request: " + "; ".join(unknown), unknown)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "send the .xlsx workbook or the .zip of CSV files as the form field 'file'")
    dataset = (request.form.get("dataset") or "").strip() or None
    if dataset is not None and (len(dataset) > 200 or not dataset.isprintable()):
        raise ApiError(400, "'dataset' must be printable text of at most 200 characters")
    dry_run = _flag("dry_run", request.form.get("dry_run", ""))
    matriks = _matriks_options(request.form.get("period_start", ""), request.form.get("pemda", ""))
    name = secure_filename(upload.filename) or "upload"
    kind = Path(name).suffix.lower()
    data = upload.read()
    if kind not in KINDS:
        raise ApiError(415, f"upload an .xlsx workbook or a .zip of the CSV files, not '{name}'")
    if not data.startswith(ZIP_MAGIC):
        raise ApiError(415, f"'{name}' is {'empty' if not data else 'not a zip container'}: "
                            "an .xlsx workbook and a .zip archive both are")
    database().read("RETURN 1 AS up")  # Neo4j down: 503 within the service's bound, before any work
    remove_stale_import_folders()
    with import_folder() as folder:
        temp = str(folder)
        if kind == ".xlsx":
            _checked_members(data)  # an .xlsx is a zip too: refuse bombs before openpyxl inflates it
            source = folder / name
            source.write_bytes(data)
        else:
            source = folder / "upload"
            source.mkdir()
            _extract_csvs(data, source)
        try:
            report = import_path(source, database().runner, dataset=dataset, dry_run=dry_run, matriks=matriks,
                                 source=f"upload {name}", outcome_wait=current_app.config["IMPORT_OUTCOME_WAIT"])
        except ImportRejected as exc:
            raise ImportRejected([_cleaned(problem, temp) for problem in exc.problems], total=exc.total) from None
        except (ImportNotWritten, ImportOutcomeUnknown) as exc:
            raise lost_commit_error(exc) from None
        except neo4j_errors.IncompleteCommit:  # the importer settles these; never claim a rollback for one
            raise ApiError(503, "Neo4j failed while committing; whether that commit happened is unknown: "
                                "GET /api/imports lists the imports recorded", code=OUTCOME_UNKNOWN) from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired):
            raise ApiError(503, "Neo4j became unreachable during the import; the import runs as one transaction, "
                                "which was rolled back: nothing of it was written. Send it again once Neo4j "
                                "answers", headers={"Retry-After": "5"}) from None
    database().forget_version()  # this process's kept answers must not outlive the data they came from
    written = dataclasses.asdict(report.written) if report.written is not None else None
    warnings = [_cleaned(warning, temp).as_dict() for warning in report.warnings]
    recorded = report.written is not None and report.written.changed() and report.record is not None
    extra = {"previous": report.previous, "same_files_as_previous": report.same_files_as_previous()} \
        if dry_run else {"settled": report.settled}
    return current_app.json.response(ok=True, dataset=report.dataset, dry_run=dry_run, counts=report.counts,
                                     written=written, warnings=warnings,
                                     import_id=report.record.id if recorded else None,
                                     digest=report.record.digest if report.record else None, **extra)


def _matriks_options(period_start: str, pemda: str) -> MatriksOptions:
    """A matriks Renstra workbook's options, as `pokin import --period-start --pemda` takes them."""
    period_start, pemda = period_start.strip(), pemda.strip()
    if period_start and not (period_start.isdigit() and 2000 <= int(period_start) <= 2100):
        raise ApiError(400, f"'period_start' must be a year (2000-2100), not '{period_start[:20]}'")
    if len(pemda) > 200 or not pemda.isprintable():
        raise ApiError(400, "'pemda' must be printable text of at most 200 characters")
    return MatriksOptions(period_start=int(period_start) if period_start else None, pemda=pemda or None)


@contextmanager
def import_folder() -> Iterator[Path]:
    """A private temporary folder (0700) named after this process, removed on leaving however it is left."""
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))  # mkdtemp: mode 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_import_folders(parent: Path | None = None) -> list[Path]:
    """Remove the `pokin-import-<pid>-*` folders of this user whose process is gone (killed while importing:
    its `finally` never ran); the removed folders are returned. A folder of a live process is left alone."""
    parent = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = [entry for entry in parent.iterdir() if entry.name.startswith(FOLDER_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        owner = _OWNED.match(entry.name)
        if owner is not None:
            stale = int(owner.group(1)) != os.getpid() and not _alive(int(owner.group(1)))
        else:
            stale = time.time() - info.st_mtime > LEGACY_STALE_SECONDS
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # a process of another user holds that id: not ours to judge
    return True


@atexit.register
def _remove_own_import_folders() -> None:
    """At exit (also after SIGTERM under `pokin serve`): a request still importing leaves no folder behind."""
    for entry in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}{os.getpid()}-*"):
        shutil.rmtree(entry, ignore_errors=True)


NOT_WRITTEN = "import_not_written"
OUTCOME_UNKNOWN = "import_outcome_unknown"


def lost_commit_error(exc: ImportNotWritten | ImportOutcomeUnknown) -> ApiError:
    """503 for an import whose commit lost its answer, with `code` saying how it ended: not written (send it
    again), or unknown (Neo4j did not answer in time: how to find out)."""
    record, cause = exc.record, type(exc.cause).__name__
    if isinstance(exc, ImportNotWritten):
        return ApiError(503, f"Neo4j failed while committing the import ({cause}); once it answered again, its "
                             f"import log showed that this import did not commit: nothing of it was written. "
                             "Send it again", headers={"Retry-After": "5"}, code=NOT_WRITTEN,
                        import_id=record.id, dataset=record.dataset)
    return ApiError(503, f"Neo4j failed while committing the import ({cause}) and did not answer again within "
                         f"{exc.waited:g} s: whether the import was written is unknown (it committed whole or "
                         f"not at all). Once Neo4j answers, GET /api/imports?dataset={quote(record.dataset)} "
                         f"lists import "
                         f"{record.id} if it committed, and a dry run of the same upload says whether the "
                         "dataset's last import was of these files; sending it again is safe either way",
                    headers={"Retry-After": "5"}, code=OUTCOME_UNKNOWN, import_id=record.id,
                    dataset=record.dataset)


def _flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ApiError(400, f"'{name}' must be true or false, not '{value}'")


def _checked_members(data: bytes) -> list[zipfile.ZipInfo]:
    """The members of a safe archive; every unsafe member is reported at once (400)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ApiError(400, f"not a readable zip archive ({exc})") from None
    limit = current_app.config["ZIP_MAX_MEMBERS"]
    if len(members) > limit:
        raise ApiError(400, f"the archive has {len(members)} members; at most {limit} are accepted")
    errors = []
    for info in members:
        name = info.filename
        parts = re.split(r"[\\/]", name)
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
            errors.append(f"{name}: absolute paths are not accepted in an archive")
        elif ".." in parts:
            errors.append(f"{name}: '..' in a path is not accepted in an archive")
        if stat.S_ISLNK(info.external_attr >> 16):
            errors.append(f"{name}: symbolic links are not accepted in an archive")
        if info.flag_bits & 0x1:
            errors.append(f"{name}: encrypted members are not accepted")
    max_bytes = _max_unpacked()
    declared = sum(info.file_size for info in members)
    if declared > max_bytes:
        errors.append(f"the archive unpacks to {declared} bytes; at most {max_bytes} are accepted")
    if errors:
        raise ApiError(400, "unsafe archive: " + "; ".join(errors), errors)
    return members


def _extract_csvs(data: bytes, folder: Path) -> None:
    """Write the archive's CSV files (from any one folder level) flat into `folder`, counting bytes."""
    members = _checked_members(data)
    wanted: dict[str, zipfile.ZipInfo] = {}
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or path.suffix.lower() != ".csv" or "__MACOSX" in path.parts or path.name.startswith("."):
            continue
        key = path.name.lower()
        if key in wanted:
            raise ApiError(400, f"the archive holds two files named {path.name} "
                                f"({wanted[key].filename} and {info.filename}); keep one")
        wanted[key] = info
    budget = _max_unpacked()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in wanted.values():
                target = folder / PurePosixPath(info.filename.replace("\\", "/")).name
                with archive.open(info) as source, open(target, "wb") as sink:
                    while chunk := source.read(CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise ApiError(400, f"unsafe archive: it unpacks to more than {_max_unpacked()} bytes")
                        sink.write(chunk)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise ApiError(400, f"the archive is damaged or uses an unsupported compression ({exc})") from None


def _max_unpacked() -> int:
    return int(current_app.config["ZIP_MAX_UNPACKED_MB"] * 1024 * 1024)


def _cleaned(problem, temp: str):
    """Problems as the user knows the files: no temporary paths."""
    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        return text.replace(str(Path(temp) / "upload"), "the upload").replace(temp, "the upload")

    return dataclasses.replace(problem, file=clean(problem.file), message=clean(problem.message))
