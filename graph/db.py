"""The one runner every Cypher call passes through: driver creation, routing, timeouts, managed retries."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from typing import Any, Protocol

import neo4j
import neo4j.graph
from neo4j import Driver, GraphDatabase, ManagedTransaction

from graph.config import Neo4jSettings


def make_driver(settings: Neo4jSettings) -> Driver:
    """One driver per process or app; `neo4j://` and `neo4j+s://` URIs get the routing driver for free."""
    return GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_acquisition_timeout=15.0,
        connection_timeout=5.0,
        max_transaction_retry_time=10.0,
        # Only warnings and worse reach the log, and not "unknown property/label" hints: queries name
        # properties an empty or partial database may not hold yet (e.g. before the first import).
        notifications_min_severity="WARNING",
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )


class Reader(Protocol):
    """What reading code asks of the runner: the rows of a read query. The service's Database
    (service/http/database.py) answers it too, with the service's retry budget and result cache, so the audit, the
    documents, the views and the people analyses take either; only the importer and write-mode queries need a
    Runner itself."""

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        packed: bool = False,
        plain: bool = False,
    ) -> list[dict[str, Any]]: ...


@dataclass
class Runner:
    """Runs parameterised Cypher in managed transactions (retried on transient errors) on one database."""

    driver: Driver
    database: str = "neo4j"
    default_timeout: float | None = 30.0
    # Every session of this runner shares one bookmark manager, so each transaction starts after the ones this
    # runner committed before it: in a cluster a read routed to a secondary waits until that secondary holds
    # the previous writes (read-your-writes: an import, then its report or the next dataset's lookup).
    bookmarks: neo4j.BookmarkManager = field(default_factory=GraphDatabase.bookmark_manager, init=False, repr=False)
    _closed: bool = field(default=False, init=False)
    _columns: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _columns_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Neo4jSettings | None = None) -> Runner:
        settings = settings or Neo4jSettings.from_env()
        return cls(make_driver(settings), settings.database)

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        packed: bool = False,
        plain: bool = False,
    ) -> list[dict[str, Any]]:
        """Rows of a read query, routed to readers in a cluster; at most `limit` rows are fetched.

        `packed` ships the rows as one record, `plain` takes its values as they arrive (see `read_table`)."""
        return self.read_table(cypher, params, timeout=timeout, limit=limit, packed=packed, plain=plain)[1]

    def write(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a write query, in its own transaction, routed to the leader."""
        return self._rows(cypher, params, neo4j.WRITE_ACCESS, timeout, None)

    def write_transaction(
        self,
        work: Callable[[ManagedTransaction], Any],
        *,
        timeout: float | None = None,
        retry_time: float | None = None,
    ) -> Any:
        """Run `work(tx)` as ONE write transaction: all its statements commit together or not at all.

        The driver retries `work` on transient errors and lost connections (for `retry_time`, default the
        driver's 10 s), but not a commit whose answer was lost: that raises IncompleteCommit, and whether it
        committed is unknown (graph/importer/outcome.py finds out for imports)."""
        query_timeout = timeout if timeout is not None else self.default_timeout
        decorated = neo4j.unit_of_work(timeout=query_timeout)(work)
        with self._session(neo4j.WRITE_ACCESS, retry_time) as session:
            return session.execute_write(decorated)

    def _rows(
        self, cypher: str, params: Mapping[str, Any] | None, access: str, timeout: float | None, limit: int | None
    ) -> list[dict[str, Any]]:
        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(cypher, dict(params or {}))
            return [record.data() for record in _take(result, limit)]

        with self._session(access, None) as session:
            if access == neo4j.READ_ACCESS:
                return session.execute_read(work)
            return session.execute_write(work)

    def read_table(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        retry_time: float | None = None,
        packed: bool = False,
        bound: AnswerBound | None = None,
        plain: bool = False,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows of a read query; `retry_time` bounds the driver's retries for this call.

        The query service uses it so a request against an unreachable database fails within seconds
        (instead of the driver's 10 s of retries) and so an empty result still has its columns.

        `packed=True` (for the catalog's own queries, whose text is known to nest in a subquery) asks Neo4j
        for all rows collected into one record: the Python driver spends ~15 µs on each record it receives,
        so a result of thousands of rows arrives 1.2-1.5x sooner in one. A result too big for the server's
        transaction memory as one list is fetched again record by record.

        `bound` (for queries whose answer size a client controls) measures each record as it arrives, before
        it is turned into plain values, and raises AnswerTooLarge once the rows together would exceed it:
        the rest of the result is never fetched (the transaction is rolled back).

        `plain=True` (for queries that return no node, relationship nor path: only numbers, text, lists and maps)
        takes each row's values as the driver decoded them, without Record.data(), which walks every value of
        every nested list and map to turn graph objects into maps: reading a whole version of a kabupaten
        (graph/diff_read.py) spent two thirds of its client time there, for values it left as they were.
        """
        if packed and bound is None:
            try:
                return self._packed_table(cypher, params, timeout, limit, retry_time, plain)
            except _TooBigToPack:
                pass

        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(cypher, dict(params or {}))
            keys = list(result.keys())
            records = _take(result, limit) if bound is None else bound.measured(_take(result, limit), keys)
            return keys, [dict(zip(keys, record.values())) if plain else record.data() for record in records]

        with self._session(neo4j.READ_ACCESS, retry_time) as session:
            return session.execute_read(work)

    def _packed_table(
        self,
        cypher: str,
        params: Mapping[str, Any] | None,
        timeout: float | None,
        limit: int | None,
        retry_time: float | None,
        plain: bool = False,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        keys = self.columns(cypher, params, timeout=timeout, retry_time=retry_time)
        bound = dict(params or {})
        if limit is not None:
            bound[PACK_LIMIT_PARAM] = limit
        packed_cypher = pack_rows(cypher, keys, limited=limit is not None)

        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> list[list[Any]]:
            try:
                return tx.run(packed_cypher, bound).single(strict=True)[0]
            except neo4j.exceptions.TransientError as exc:  # not retried: the same list would not fit again
                if (exc.code or "").endswith("MemoryPoolOutOfMemoryError"):
                    raise _TooBigToPack() from exc
                raise

        with self._session(neo4j.READ_ACCESS, retry_time) as session:
            rows = session.execute_read(work)
        if plain:
            return keys, [dict(zip(keys, row)) for row in rows]
        # Record.data() turns nodes, relationships and paths into plain values exactly as for streamed rows
        return keys, [neo4j.Record(zip(keys, row)).data() for row in rows]

    def columns(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        retry_time: float | None = None,
    ) -> list[str]:
        """The result columns of a query, from EXPLAIN (nothing runs), kept per query text."""
        known = self._columns.get(cypher)
        if known is None:

            @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
            def work(tx: ManagedTransaction) -> list[str]:
                result = tx.run("EXPLAIN " + cypher, dict(params or {}))
                keys = list(result.keys())
                result.consume()
                return keys

            with self._session(neo4j.READ_ACCESS, retry_time) as session:
                known = session.execute_read(work)
            with self._columns_lock:
                self._columns[cypher] = known
        return known

    def explain(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        retry_time: float | None = None,
    ) -> Explained:
        """EXPLAIN a query without running it: its type and plan, so a caller can refuse writes up front."""

        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> Explained:
            summary = tx.run("EXPLAIN " + cypher, dict(params or {})).consume()
            return Explained(summary.query_type, _operators(summary.plan), summary.plan)

        with self._session(neo4j.READ_ACCESS, retry_time) as session:
            return session.execute_read(work)

    def _session(self, access: str, retry_time: float | None) -> neo4j.Session:
        extra: dict[str, Any] = {} if retry_time is None else {"max_transaction_retry_time": retry_time}
        return self.driver.session(
            database=self.database, default_access_mode=access, bookmark_manager=self.bookmarks, **extra
        )

    def forget_bookmarks(self) -> None:
        """Start causal chaining afresh: after the database was replaced under a running runner (new store files,
        a restore from backup), its bookmarks name transactions the new store never had, and every transaction
        would wait for them until it timed out."""
        self.bookmarks = GraphDatabase.bookmark_manager()

    def close(self) -> None:
        if not self._closed:
            self.driver.close()
            self._closed = True


PACK_LIMIT_PARAM = "pokin_pack_limit"


class _TooBigToPack(Exception):
    """The packed result would not fit in the server's transaction memory."""


def pack_rows(cypher: str, columns: list[str], *, limited: bool = False) -> str:
    """The query nested in a subquery, its rows (in their order) collected into one list of lists.

    The subquery imports nothing (`CALL () {`): the unscoped `CALL {` form is deprecated since Neo4j 5.23 and
    would put a deprecation notice on every packed read."""
    names = ", ".join("`" + name.replace("`", "``") + "`" for name in columns)
    limit = f"WITH * LIMIT ${PACK_LIMIT_PARAM}\n" if limited else ""
    return f"CALL () {{\n{cypher}\n}}\n{limit}RETURN collect([{names}]) AS rows"


@dataclass(frozen=True)
class PlanOperator:
    """One operator of an execution plan: its name without the `@runtime` suffix, and its details text."""

    name: str
    details: str


@dataclass(frozen=True)
class Explained:
    """What EXPLAIN tells without running a query: type ('r', 'rw', 'w', 's') and every plan operator."""

    query_type: str | None
    operators: tuple[PlanOperator, ...]
    plan: dict[str, Any] | None


def _operators(plan: Mapping[str, Any] | None) -> tuple[PlanOperator, ...]:
    found: list[PlanOperator] = []
    pending = [plan] if plan else []
    while pending:
        node = pending.pop()
        args = node.get("args") or {}
        details = args.get("Details") or args.get("Signature") or ""
        found.append(PlanOperator(str(node.get("operatorType", "")).split("@")[0], str(details)))
        pending.extend(node.get("children") or [])
    return tuple(found)


class AnswerTooLarge(Exception):
    """The rows of a query would exceed an AnswerBound's size (`reason`: which limit, in words)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AnswerTooDeep(AnswerTooLarge):
    """A value of the rows nests lists or maps deeper than an AnswerBound allows."""


@dataclass(frozen=True)
class AnswerBound:
    """Limits on the rows a client-written query may bring back: their size as JSON (estimated while each
    record arrives, never by building the JSON) and how deeply a value may nest (a list nested thousands of
    levels deep would overflow the stack of every recursive step after the driver: plain values, JSON)."""

    max_bytes: int
    max_depth: int = 64

    def measured(self, records: Iterable[neo4j.Record], keys: list[str]) -> Iterable[neo4j.Record]:
        """The records, passed on one by one while their running total stays within the bound."""
        per_row = 2 + sum(len(key) + 4 for key in keys)  # {"key": value, ...}
        total = 0
        for record in records:
            total += per_row + self._size(record.values(), self.max_bytes - total - per_row)
            if total > self.max_bytes:
                raise AnswerTooLarge(f"the rows come to more than {self.max_bytes} bytes as JSON")
            yield record

    def _size(self, values: list[Any], budget: int) -> int:
        """The JSON size of a record's values, walked with a stack of iterators (no recursion, no copies of
        big lists); stops as soon as it is over `budget`."""
        size = 0
        stack: list[Iterator[Any]] = [iter(values)]
        while stack:
            value = next(stack[-1], _END)
            if value is _END:
                stack.pop()
                continue
            if type(value) is _Measured:
                size += value.size
                if size > budget:
                    break
                continue
            size += _scalar_size(value)
            if size > budget:
                break
            children = _children(value)
            if children is not None:
                if len(stack) >= self.max_depth:
                    raise AnswerTooDeep(f"a value nests lists or maps more than {self.max_depth} levels deep")
                stack.append(children)
        return size


_END = object()
_CHUNK = 4096


@dataclass(frozen=True)
class _Measured:
    """A run of plain scalars of a list whose JSON size was summed at once (a list of millions of numbers
    is measured in C-speed chunks, not item by item)."""

    size: int


def _list_items(value: list[Any] | tuple[Any, ...]) -> Iterator[Any]:
    for start in range(0, len(value), _CHUNK):
        chunk = value[start : start + _CHUNK]
        flat = _flat_size(chunk)
        if flat is None:
            yield from chunk
        else:
            yield _Measured(flat)


def _flat_size(chunk: list[Any] | tuple[Any, ...]) -> int | None:
    """The JSON size of a run of scalars of one kind (with separators), or None if it holds anything else."""
    kinds = set(map(type, chunk))
    if kinds <= {int}:
        return sum(map(len, map(str, chunk))) + len(chunk)
    if kinds <= {float}:
        return sum(map(len, map(repr, chunk))) + len(chunk)
    if kinds <= {str}:
        chars = sum(map(len, chunk))
        if all(map(str.isascii, chunk)):
            return chars + 3 * len(chunk)
        return chars + 5 * (sum(map(len, map(str.encode, chunk))) - chars) + 3 * len(chunk)
    if kinds <= {bool, type(None)}:
        return 6 * len(chunk)
    return None


def _children(value: Any) -> Iterator[Any] | None:
    """What a value of a record holds (keys and values of maps, nodes and relationships of paths), lazily."""
    if isinstance(value, neo4j.graph.Path):
        return itertools.chain(value.nodes, value.relationships)
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship, MappingABC)):
        return itertools.chain.from_iterable(value.items())
    if isinstance(value, (list, tuple)) and not _is_driver_value(value):
        return _list_items(value)
    return None


def _is_driver_value(value: Any) -> bool:
    """Spatial points and durations are tuples to the driver, plain text or a small map in an answer."""
    return hasattr(value, "srid") or hasattr(value, "iso_format")


def _scalar_size(value: Any) -> int:
    """Bytes a value adds to JSON by itself, with its separator (containers: their brackets). JSON escapes a
    character outside ASCII as six bytes: each byte it takes beyond one in UTF-8 counts five more (exact for
    accented Latin letters, an overestimate for wider scripts)."""
    if isinstance(value, str):
        return len(value) + 3 if value.isascii() else len(value) + 5 * (len(value.encode()) - len(value)) + 3
    if isinstance(value, bool) or value is None:
        return 6
    if isinstance(value, int):
        return len(str(value)) + 1
    if isinstance(value, float):
        return len(repr(value)) + 1
    if isinstance(value, (bytes, bytearray)):
        return 2 * len(value) + 3
    if isinstance(value, (list, tuple)) and _is_driver_value(value):
        return 64
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship, neo4j.graph.Path, MappingABC, list, tuple)):
        return 3
    return 64  # temporal and other driver values, as text


def _take(records: Iterable[neo4j.Record], limit: int | None) -> Iterable[neo4j.Record]:
    if limit is None:
        yield from records
        return
    for count, record in enumerate(records):
        if count >= limit:
            return
        yield record
