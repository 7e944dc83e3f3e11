"""Slow page parts (the audit findings, achievement per OPD) computed within a time budget and kept a while.

The named queries behind them can take tens of seconds on a big Pemda; a page must not. Each part runs with a
server-side timeout; what finishes is kept for PAGES_CACHE_SECONDS (and dropped at once when the data version
changes: an import, or a change of the node or relationship count). A part that runs past its timeout is computed once more
in a background thread (at most one per part, PAGES_BACKGROUND_TIMEOUT seconds), so a reload shows it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app

from service.http.database import database, requested_version

_ONE_AT_A_TIME = threading.Semaphore(1)


class TimedOut(Exception):
    """A part did not finish within its budget."""


class PartCache:
    """key -> (value, when, fingerprint); thread-safe, one per app."""

    def __init__(self) -> None:
        self._items: dict[Hashable, tuple[Any, float, tuple]] = {}
        self._lock = threading.Lock()
        self.running: set[Hashable] = set()

    def start(self, key: Hashable) -> bool:
        """Claim the background computation of a part; False when one is already running."""
        with self._lock:
            if key in self.running:
                return False
            self.running.add(key)
            return True

    def done(self, key: Hashable) -> None:
        with self._lock:
            self.running.discard(key)

    def get(self, key: Hashable, fingerprint: tuple, ttl: float) -> tuple[bool, Any]:
        with self._lock:
            item = self._items.get(key)
        if item is None or item[2] != fingerprint or time.monotonic() - item[1] > ttl:
            return False, None
        return True, item[0]

    def put(self, key: Hashable, value: Any, fingerprint: tuple) -> None:
        with self._lock:
            self._items[key] = (value, time.monotonic(), fingerprint)


def part_cache() -> PartCache:
    return current_app.extensions.setdefault("pokin.pages.cache", PartCache())


def fingerprint() -> tuple:
    """The data version this request sees, and the version of the tree it reads (`versi`, service/http/database.py):
    a part computed under another is not shown."""
    return (*database().version(), requested_version())


def cached(key: Hashable, compute: Callable[[float], Any], timeout: float, stamp: tuple) -> Any:
    """compute(timeout) once per key and data fingerprint; raises TimedOut when the query ran past timeout."""
    cache = part_cache()
    hit, value = cache.get(key, stamp, float(current_app.config["PAGES_CACHE_SECONDS"]))
    if hit:
        return value
    if timeout > 0.2:
        try:
            value = compute(timeout)
        except Exception as error:
            if "TimedOut" not in (getattr(error, "code", None) or ""):
                raise
        else:
            cache.put(key, value, stamp)
            return value
    _in_background(key, compute, stamp)
    raise TimedOut(key)


def _in_background(key: Hashable, compute: Callable[[float], Any], stamp: tuple) -> None:
    """Compute a part that ran out of time in a daemon thread (with the app's context) and keep its value."""
    cache = part_cache()
    if not cache.start(key):
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy method: the thread needs the app itself

    def work() -> None:
        try:
            with _ONE_AT_A_TIME, app.app_context():  # the database is shared: one background query at a time
                cache.put(key, compute(float(app.config["PAGES_BACKGROUND_TIMEOUT"])), stamp)
        except Exception:  # noqa: BLE001 - the page will simply try again
            app.logger.warning("background computation of %s failed", key[0] if isinstance(key, tuple) else key)
        finally:
            cache.done(key)

    threading.Thread(target=work, name="pokin-pages-part", daemon=True).start()
