"""Rows of read queries kept per (query, parameters, data version): the service answers repeated questions
without asking Neo4j again until the data changes.

Why: on a kabupaten the audit queries take 50-300 ms and the whole tree seconds, while the data changes only
when somebody imports. Every request reads the data version once (graph.model.DATA_VERSION_QUERY: the last
import's UUID and the node and relationship counts, O(1)); rows computed under another version are never
served, and all of them are dropped as soon as a new version is seen. Entries also expire after
CACHE_SECONDS, for writes made outside pokin that change properties only.

Rows are kept pickled: a hit gives the caller its own fresh objects (callers add links or mask NIPs in place),
and the bound is in bytes (CACHE_MB). Concurrent requests for the same rows wait for the one that computes
them instead of running the same query side by side.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from cachetools import TTLCache

Table = tuple[list[str], list[dict[str, Any]]]


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    too_large: int = 0
    cleared: int = 0


@dataclass
class _Claim:
    """Who computes or waits for one key."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0


class ResultCache:
    """Thread-safe, bounded in bytes, one per app; `max_bytes` 0 turns it off."""

    def __init__(self, max_bytes: int, seconds: float) -> None:
        self.enabled = max_bytes > 0 and seconds > 0
        self._items: TTLCache = TTLCache(maxsize=max(max_bytes, 1), ttl=max(seconds, 0.001), getsizeof=len)
        self._lock = threading.Lock()
        self._computing: dict[Hashable, _Claim] = {}
        self._version: Hashable = None
        self.stats = CacheStats()

    def value(self, key: Hashable, version: Hashable, compute: Callable[[], Any]) -> Any:
        """The value (rows, or a whole answer) for `key` under data `version`: the kept one if any, else
        compute() once and keep it. What compute() raises is passed on and nothing is kept."""
        if not self.enabled:
            return compute()
        full_key = (version, key)
        found = self._get(full_key, version)
        if found is not None:
            return found
        claim = self._claim(full_key)
        try:
            with claim.lock:
                found = self._get(full_key, version, count=False)  # computed by another request meanwhile?
                if found is not None:
                    return found
                value = compute()
                self._put(full_key, value)
                return value
        finally:
            self._release(full_key, claim)

    def _claim(self, full_key: Hashable) -> _Claim:
        """The lock of one key (not a shared stripe: an answer computes its rows under its own key's lock,
        and two keys sharing one lock would deadlock)."""
        with self._lock:
            claim = self._computing.setdefault(full_key, _Claim())
            claim.users += 1
            return claim

    def _release(self, full_key: Hashable, claim: _Claim) -> None:
        with self._lock:
            claim.users -= 1
            if claim.users == 0:
                self._computing.pop(full_key, None)

    def table(self, key: Hashable, version: Hashable, compute: Callable[[], Table]) -> Table:
        """Columns and rows of a query (see `value`)."""
        return self.value(key, version, compute)

    def _get(self, full_key: Hashable, version: Hashable, count: bool = True) -> Any:
        with self._lock:
            if version != self._version:
                if self._items:
                    self.stats.cleared += 1
                self._items.clear()  # the data changed: nothing kept can be served again
                self._version = version
            blob = self._items.get(full_key)
            if blob is None:
                self.stats.misses += count
                return None
            self.stats.hits += 1
        return pickle.loads(blob)

    def _put(self, full_key: tuple[Hashable, Hashable], value: Any) -> None:
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # a value type that cannot be kept: serve it uncached
        with self._lock:
            if full_key[0] != self._version:
                return  # a newer version was seen meanwhile
            try:
                self._items[full_key] = blob
            except ValueError:  # larger than the whole cache
                self.stats.too_large += 1

    def summary(self) -> dict[str, Any]:
        with self._lock:
            return {
                "enabled": self.enabled,
                "entries": len(self._items),
                "bytes": self._items.currsize,
                "max_bytes": self._items.maxsize if self.enabled else 0,
                "hits": self.stats.hits,
                "misses": self.stats.misses,
                "too_large": self.stats.too_large,
                "cleared": self.stats.cleared,
            }
