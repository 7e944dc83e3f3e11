"""What POST /api/import (service/imports.py) does with an upload before the importer reads it.

The upload is unpacked into a temporary folder and handed to graph.importer.import_path, so validation,
the `file:row: column: message` problems and the all-or-nothing transaction are exactly the CLI's.
The folder holds personal data (names, NIPs): it is private to the service's user (mode 0700), named
`pokin-import-<pid>-*` after the process that owns it, removed when the request ends however it ends and
when the process exits; one left by a process that was killed is removed at the next start or import
(`remove_stale_import_folders`: only folders whose owning process is gone).
A zip is opened defensively before anything is written to disk: members with absolute paths, `..`,
symlinks or encryption, more than ZIP_MAX_MEMBERS members, or more than ZIP_MAX_UNPACKED_MB once
unpacked (counted while reading, not trusted from the headers: zip bombs) are refused with 400.
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

from flask import current_app

from service.http.errors import ApiError

CHUNK = 64 * 1024
FOLDER_PREFIX = "pokin-import-"
_OWNED = re.compile(r"pokin-import-(\d+)-")
LEGACY_STALE_SECONDS = 3600  # a folder named without its process (older versions): removed after an hour


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


def checked_members(data: bytes) -> list[zipfile.ZipInfo]:
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


def extract_csvs(data: bytes, folder: Path) -> None:
    """Write the archive's CSV files (from any one folder level) flat into `folder`, counting bytes."""
    members = checked_members(data)
    wanted: dict[str, zipfile.ZipInfo] = {}
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or path.suffix.lower() != ".csv" or "__MACOSX" in path.parts or path.name.startswith("."):
            continue
        key = path.name.lower()
        if key in wanted:
            raise ApiError(
                400,
                f"the archive holds two files named {path.name} ({wanted[key].filename} and {info.filename}); keep one",
            )
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


def cleaned(problem, temp: str):
    """Problems as the user knows the files: no temporary paths."""

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        return text.replace(str(Path(temp) / "upload"), "the upload").replace(temp, "the upload")

    return dataclasses.replace(problem, file=clean(problem.file), message=clean(problem.message))
