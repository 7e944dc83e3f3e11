"""Slow page parts (the audit findings, achievement per OPD) computed within a time budget and kept a while.

The named queries behind them can take tens of seconds on a big Pemda; a page must not. Each part runs with a
server-side timeout; what finishes is kept for PAGES_CACHE_SECONDS (and dropped at once when the graph's node
or relationship count changes, e.g. after an import), so a reload completes what the first visit could not.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable

from flask import current_app

from service.database import database

FINGERPRINT = "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } " \
              "RETURN nodes, rels"


class TimedOut(Exception):
    """A part did not finish within its budget."""


class PartCache:
    """key -> (value, when, fingerprint); thread-safe, one per app."""

    def __init__(self) -> None:
        self._items: dict[Hashable, tuple[Any, float, tuple]] = {}
        self._lock = threading.Lock()

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
    row = database().read(FINGERPRINT)[0]
    return row["nodes"], row["rels"]


def cached(key: Hashable, compute: Callable[[float], Any], timeout: float, stamp: tuple) -> Any:
    """compute(timeout) once per key and data fingerprint; raises TimedOut when the query ran past timeout."""
    cache = part_cache()
    hit, value = cache.get(key, stamp, float(current_app.config["PAGES_CACHE_SECONDS"]))
    if hit:
        return value
    if timeout <= 0.2:
        raise TimedOut(key)
    try:
        value = compute(timeout)
    except Exception as error:  # noqa: BLE001 - only timeouts are expected here; others go on up
        if "TimedOut" in (getattr(error, "code", None) or ""):
            raise TimedOut(key) from error
        raise
    cache.put(key, value, stamp)
    return value
