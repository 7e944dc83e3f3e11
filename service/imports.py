"""POST /api/import: an uploaded .xlsx workbook or .zip of CSV files, imported like `pokin import`.

The upload is checked and unpacked by service/http/uploads.py (a private temporary folder, zip bombs refused),
then handed to graph.importer.import_path: validation, the `file:row: column: message` problems and the
all-or-nothing transaction are exactly the CLI's. The body size limit (POKIN_MAX_UPLOAD_MB) gives 413; a
file that is neither .zip nor .xlsx gives 415.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import quote

import neo4j.exceptions as neo4j_errors
from flask import Blueprint, current_app, request
from werkzeug.datastructures import FileStorage
from werkzeug.sansio.response import Response as AnyResponse
from werkzeug.utils import secure_filename

from graph.importer import (
    ImportNotWritten,
    ImportOutcomeUnknown,
    ImportRejected,
    ImportReport,
    MatriksOptions,
    import_path,
)
from service.http.auth import require
from service.http.database import database
from service.http.errors import ApiError
from service.http.uploads import checked_members, cleaned, extract_csvs, import_folder, remove_stale_import_folders

bp = Blueprint("imports", __name__, url_prefix="/api")

KINDS = (".zip", ".xlsx")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")


@bp.post("/import")
@require("editor")
def import_upload():
    """Validate and (unless dry_run) write the uploaded dataset in one transaction."""
    upload, dataset = _checked_request()
    dry_run = _flag("dry_run", request.form.get("dry_run", ""))
    matriks = _matriks_options(request.form.get("period_start", ""), request.form.get("pemda", ""))
    name = secure_filename(upload.filename or "") or "upload"
    kind = Path(name).suffix.lower()
    data = upload.read()
    if kind not in KINDS:
        raise ApiError(415, f"upload an .xlsx workbook or a .zip of the CSV files, not '{name}'")
    if not data.startswith(ZIP_MAGIC):
        raise ApiError(
            415,
            f"'{name}' is {'empty' if not data else 'not a zip container'}: "
            "an .xlsx workbook and a .zip archive both are",
        )
    database().read("RETURN 1 AS up")  # Neo4j down: 503 within the service's bound, before any work
    remove_stale_import_folders()
    with import_folder() as folder:
        temp = str(folder)
        source = _unpacked(folder, name, kind, data)
        report = _import_source(source, dataset, dry_run, matriks, name, temp)
    database().forget_version()  # this process's kept answers must not outlive the data they came from
    return _import_response(report, dry_run, temp)


def _checked_request() -> tuple[FileStorage, str | None]:
    """The upload and the dataset name, once the request holds no parameter or field this endpoint does not
    know (a typo must not silently import with the defaults) and the dataset name is bounded."""
    unknown = [f"unknown parameter '{name}'" for name in request.args]
    unknown += [
        f"unknown form field '{name}'"
        for name in request.form
        if name not in ("dataset", "dry_run", "period_start", "pemda")
    ]
    unknown += [f"unknown file field '{name}'" for name in request.files if name != "file"]
    if unknown:
        raise ApiError(400, "invalid request: " + "; ".join(unknown), unknown)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "send the .xlsx workbook or the .zip of CSV files as the form field 'file'")
    dataset = (request.form.get("dataset") or "").strip() or None
    if dataset is not None and (len(dataset) > 200 or not dataset.isprintable()):
        raise ApiError(400, "'dataset' must be printable text of at most 200 characters")
    return upload, dataset


def _unpacked(folder: Path, name: str, kind: str, data: bytes) -> Path:
    """The upload laid out in the private folder as `pokin import` takes it: the workbook as a file, the CSV
    files of a zip in a folder; both checked for zip bombs before anything inflates them."""
    if kind == ".xlsx":
        checked_members(data)  # an .xlsx is a zip too: refuse bombs before openpyxl inflates it
        source = folder / name
        source.write_bytes(data)
    else:
        source = folder / "upload"
        source.mkdir()
        extract_csvs(data, source)
    return source


def _import_source(
    source: Path, dataset: str | None, dry_run: bool, matriks: MatriksOptions, name: str, temp: str
) -> ImportReport:
    """import_path on the unpacked upload, its failures as the API answers them: the problems without the
    private folder's path, a lost commit or an unreachable Neo4j as 503 saying what was (not) written."""
    try:
        return import_path(
            source,
            database().runner,
            dataset=dataset,
            dry_run=dry_run,
            matriks=matriks,
            source=f"upload {name}",
            outcome_wait=current_app.config["IMPORT_OUTCOME_WAIT"],
        )
    except ImportRejected as exc:
        raise ImportRejected([cleaned(problem, temp) for problem in exc.problems], total=exc.total) from None
    except (ImportNotWritten, ImportOutcomeUnknown) as exc:
        raise lost_commit_error(exc) from None
    except neo4j_errors.IncompleteCommit:  # the importer settles these; never claim a rollback for one
        raise ApiError(
            503,
            "Neo4j failed while committing; whether that commit happened is unknown: "
            "GET /api/imports lists the imports recorded",
            code=OUTCOME_UNKNOWN,
        ) from None
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired):
        raise ApiError(
            503,
            "Neo4j became unreachable during the import; the import runs as one transaction, "
            "which was rolled back: nothing of it was written. Send it again once Neo4j "
            "answers",
            headers={"Retry-After": "5"},
        ) from None


def _import_response(report: ImportReport, dry_run: bool, temp: str) -> AnyResponse:
    """The JSON answer: a dry run tells whether the dataset's last import was of these files, a write whether
    its commit had to be settled; warnings name the upload's files, not the private folder."""
    written = dataclasses.asdict(report.written) if report.written is not None else None
    warnings = [cleaned(warning, temp).as_dict() for warning in report.warnings]
    record = report.record
    recorded = report.written is not None and report.written.changed() and record is not None
    extra = (
        {"previous": report.previous, "same_files_as_previous": report.same_files_as_previous()}
        if dry_run
        else {"settled": report.settled}
    )
    return current_app.json.response(
        ok=True,
        dataset=report.dataset,
        dry_run=dry_run,
        counts=report.counts,
        written=written,
        warnings=warnings,
        import_id=record.id if recorded and record is not None else None,
        digest=record.digest if record else None,
        **extra,
    )


def _matriks_options(period_start: str, pemda: str) -> MatriksOptions:
    """A matriks Renstra workbook's options, as `pokin import --period-start --pemda` takes them."""
    period_start, pemda = period_start.strip(), pemda.strip()
    if period_start and not (period_start.isdigit() and 2000 <= int(period_start) <= 2100):
        raise ApiError(400, f"'period_start' must be a year (2000-2100), not '{period_start[:20]}'")
    if len(pemda) > 200 or not pemda.isprintable():
        raise ApiError(400, "'pemda' must be printable text of at most 200 characters")
    return MatriksOptions(period_start=int(period_start) if period_start else None, pemda=pemda or None)


NOT_WRITTEN = "import_not_written"
OUTCOME_UNKNOWN = "import_outcome_unknown"


def lost_commit_error(exc: ImportNotWritten | ImportOutcomeUnknown) -> ApiError:
    """503 for an import whose commit lost its answer, with `code` saying how it ended: not written (send it
    again), or unknown (Neo4j did not answer in time: how to find out)."""
    record, cause = exc.record, type(exc.cause).__name__
    if isinstance(exc, ImportNotWritten):
        return ApiError(
            503,
            f"Neo4j failed while committing the import ({cause}); once it answered again, its "
            f"import log showed that this import did not commit: nothing of it was written. "
            "Send it again",
            headers={"Retry-After": "5"},
            code=NOT_WRITTEN,
            import_id=record.id,
            dataset=record.dataset,
        )
    return ApiError(
        503,
        f"Neo4j failed while committing the import ({cause}) and did not answer again within "
        f"{exc.waited:g} s: whether the import was written is unknown (it committed whole or "
        f"not at all). Once Neo4j answers, GET /api/imports?dataset={quote(record.dataset)} "
        f"lists import "
        f"{record.id} if it committed, and a dry run of the same upload says whether the "
        "dataset's last import was of these files; sending it again is safe either way",
        headers={"Retry-After": "5"},
        code=OUTCOME_UNKNOWN,
        import_id=record.id,
        dataset=record.dataset,
    )


def _flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ApiError(400, f"'{name}' must be true or false, not '{value}'")
