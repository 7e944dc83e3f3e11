"""The one runner every Cypher call passes through: driver creation, routing, timeouts, managed retries."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import neo4j
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


@dataclass
class Runner:
    """Runs parameterised Cypher in managed transactions (retried on transient errors) on one database."""

    driver: Driver
    database: str = "neo4j"
    default_timeout: float | None = 30.0
    # Every session of this runner shares one bookmark manager, so each transaction starts after the ones this
    # runner committed before it: in a cluster a read routed to a secondary waits until that secondary holds
    # the previous writes (read-your-writes: an import, then its report or the next dataset's lookup).
    bookmarks: neo4j.BookmarkManager = field(default_factory=GraphDatabase.bookmark_manager, init=False,
                                             repr=False)
    _closed: bool = field(default=False, init=False)
    _columns: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _columns_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Neo4jSettings | None = None) -> "Runner":
        settings = settings or Neo4jSettings.from_env()
        return cls(make_driver(settings), settings.database)

    def read(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
             limit: int | None = None, packed: bool = False) -> list[dict[str, Any]]:
        """Rows of a read query, routed to readers in a cluster; at most `limit` rows are fetched.

        `packed` ships the rows as one record (see `read_table`)."""
        return self.read_table(cypher, params, timeout=timeout, limit=limit, packed=packed)[1]

    def write(self, cypher: str, params: Mapping[str, Any] | None = None, *,
              timeout: float | None = None) -> list[dict[str, Any]]:
        """Rows of a write query, in its own transaction, routed to the leader."""
        return self._rows(cypher, params, neo4j.WRITE_ACCESS, timeout, None)

    def write_transaction(self, work: Callable[[ManagedTransaction], Any], *, timeout: float | None = None,
                          retry_time: float | None = None) -> Any:
        """Run `work(tx)` as ONE write transaction: all its statements commit together or not at all.

        The driver retries `work` on transient errors and lost connections (for `retry_time`, default the
        driver's 10 s), but not a commit whose answer was lost: that raises IncompleteCommit, and whether it
        committed is unknown (graph/importer/outcome.py finds out for imports)."""
        query_timeout = timeout if timeout is not None else self.default_timeout
        decorated = neo4j.unit_of_work(timeout=query_timeout)(work)
        with self._session(neo4j.WRITE_ACCESS, retry_time) as session:
            return session.execute_write(decorated)

    def _rows(self, cypher: str, params: Mapping[str, Any] | None, access: str, timeout: float | None,
              limit: int | None) -> list[dict[str, Any]]:
        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(cypher, dict(params or {}))
            return [record.data() for record in _take(result, limit)]

        with self._session(access, None) as session:
            if access == neo4j.READ_ACCESS:
                return session.execute_read(work)
            return session.execute_write(work)

    def read_table(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
                   limit: int | None = None, retry_time: float | None = None,
                   packed: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows of a read query; `retry_time` bounds the driver's retries for this call.

        The query service uses it so a request against an unreachable database fails within seconds
        (instead of the driver's 10 s of retries) and so an empty result still has its columns.

        `packed=True` (for the catalog's own queries, whose text is known to nest in a subquery) asks Neo4j
        for all rows collected into one record: the Python driver spends ~15 µs on each record it receives,
        so a result of thousands of rows arrives 1.2-1.5x sooner in one. A result too big for the server's
        transaction memory as one list is fetched again record by record.
        """
        if packed:
            try:
                return self._packed_table(cypher, params, timeout, limit, retry_time)
            except _TooBigToPack:
                pass

        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(cypher, dict(params or {}))
            keys = list(result.keys())
            return keys, [record.data() for record in _take(result, limit)]

        with self._session(neo4j.READ_ACCESS, retry_time) as session:
            return session.execute_read(work)

    def _packed_table(self, cypher: str, params: Mapping[str, Any] | None, timeout: float | None,
                      limit: int | None, retry_time: float | None) -> tuple[list[str], list[dict[str, Any]]]:
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
        # Record.data() turns nodes, relationships and paths into plain values exactly as for streamed rows
        return keys, [neo4j.Record(zip(keys, row)).data() for row in rows]

    def columns(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
                retry_time: float | None = None) -> list[str]:
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

    def explain(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
                retry_time: float | None = None) -> "Explained":
        """EXPLAIN a query without running it: its type and plan, so a caller can refuse writes up front."""
        @neo4j.unit_of_work(timeout=timeout if timeout is not None else self.default_timeout)
        def work(tx: ManagedTransaction) -> "Explained":
            summary = tx.run("EXPLAIN " + cypher, dict(params or {})).consume()
            return Explained(summary.query_type, _operators(summary.plan), summary.plan)

        with self._session(neo4j.READ_ACCESS, retry_time) as session:
            return session.execute_read(work)

    def _session(self, access: str, retry_time: float | None) -> neo4j.Session:
        extra: dict[str, Any] = {} if retry_time is None else {"max_transaction_retry_time": retry_time}
        return self.driver.session(database=self.database, default_access_mode=access,
                                   bookmark_manager=self.bookmarks, **extra)

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


def _take(records: Iterable[neo4j.Record], limit: int | None) -> Iterable[neo4j.Record]:
    if limit is None:
        yield from records
        return
    for count, record in enumerate(records):
        if count >= limit:
            return
        yield record
