"""The app's one Runner with the service's bounds on every call, and the named-query catalog.

Every read made while answering a request goes through `Database`, which passes the service's retry
budget to the Runner: with Neo4j down, a request fails with 503 after about DB_RETRY_TIME seconds of
retries (plus at most the driver's 5 s connection timeout) instead of the driver's usual 10 s. The
driver's pool reconnects on its own, so the service answers again once Neo4j is back.

Reads are answered from the app's ResultCache (service/http/results.py) while the data version, read once per
request (at most every CACHE_CHECK_SECONDS per process), stays the same; `fresh=True` asks Neo4j whatever
is kept (health and liveness checks).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app, g, has_request_context, request

from graph.catalog import SCOPE_PARAM, Catalog, NamedQuery, ParameterError
from graph.db import AnswerBound, Explained, Runner
from graph.model import DATA_VERSION_QUERY
from graph.versions import Version, default_scope, list_versions, scope_of
from service.http.errors import ApiError
from service.http.formats import INT64_MAX, VERSION_ARG, masking_wanted
from service.http.masking import NIP_EXACT_PARAM, exact_nips_only
from service.http.results import ResultCache

VERSION_ARG_MAX = 200  # characters of a `versi` value


class Database:
    """A graph.db.Reader (so the audit, the documents, the views and Catalog.run take it), with bounded retries."""

    def __init__(
        self,
        runner: Runner,
        retry_time: float,
        query_timeout: float,
        results: ResultCache | None = None,
        version_seconds: float = 0.0,
    ):
        self.runner = runner
        self.retry_time = retry_time
        self.query_timeout = query_timeout
        self.results = results or ResultCache(0, 0)
        self.version_seconds = version_seconds
        self._version: tuple[tuple, float] | None = None  # (version, when read), shared by the app's threads

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        fresh: bool = False,
        packed: bool = False,
        plain: bool = False,
    ) -> list[dict[str, Any]]:
        return self.table(cypher, params, timeout=timeout, limit=limit, fresh=fresh, packed=packed, plain=plain)[1]

    def table(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        fresh: bool = False,
        packed: bool = False,
        bound: AnswerBound | None = None,
        plain: bool = False,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """`packed` only for the catalog's own query texts, `bound` for queries a client wrote (see
        Runner.read_table). For readers who may not see NIPs, a NIP matches only in full
        (service.http.masking.exact_nips_only), whichever endpoint asks."""
        if params is not None and masking_wanted():
            params = exact_nips_only(params)

        def ask() -> tuple[list[str], list[dict[str, Any]]]:
            return self.runner.read_table(
                cypher,
                params,
                timeout=timeout or self.query_timeout,
                limit=limit,
                retry_time=self.retry_time,
                packed=packed,
                bound=bound,
                plain=plain,
            )

        if fresh or not self.results.enabled:
            return ask()
        key = (cypher, json.dumps(params or {}, sort_keys=True, default=repr), limit, plain)
        return self.results.table(key, self.version(), ask)

    def version(self) -> tuple:
        """The data version, fixed for one request (or app context). Read from Neo4j at most every
        `version_seconds` (CACHE_CHECK_SECONDS): that round trip is most of what a kept answer costs."""
        if "pokin_data_version" not in g:
            known = self._version
            if known is not None and time.monotonic() - known[1] < self.version_seconds:
                g.pokin_data_version = known[0]
            else:
                read_at = time.monotonic()
                row = self.runner.read_table(
                    DATA_VERSION_QUERY, timeout=self.query_timeout, retry_time=self.retry_time
                )[1][0]
                g.pokin_data_version = (row["version"], row["nodes"], row["relationships"])
                self._version = (g.pokin_data_version, read_at)
        return g.pokin_data_version

    def forget_version(self) -> None:
        """After this process changed the data (an upload): the next request reads the version again."""
        self._version = None
        g.pop("pokin_data_version", None)

    def named_scope(self) -> list[str] | None:
        """The versions the current request names (`versi`, with the latest of every other Pemda), None when it names
        none: graph/versions.py default_scope asks, so every module reading through this Database follows it."""
        named = requested_version()
        return scope_of(held_versions(), [named]) if named is not None else None

    def explain(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> Explained:
        return self.runner.explain(cypher, params, timeout=timeout or self.query_timeout, retry_time=self.retry_time)


def database() -> Database:
    return current_app.extensions["pokin.database"]


def catalog() -> Catalog:
    return current_app.extensions["pokin.catalog"]


def scope(datasets: Sequence[str] | None = None) -> list[str] | None:
    """The versions a request reads: those given, else the version its `versi` parameter names (with the latest of
    every other Pemda), else the default scope (graph/versions.py), read through the Database, whose cache keeps it
    as long as the data version stays."""
    return list(datasets) if datasets is not None else default_scope(database())  # which asks named_scope first


def held_versions() -> list[Version]:
    """The versions the graph holds, read once per request."""
    if "pokin_versions" not in g:
        g.pokin_versions = list_versions(database())
    return g.pokin_versions


def requested_version() -> str | None:
    """The version the request names (`versi`: a dataset key as `pokin versions` and /api/versions list it), checked
    against those held; None when it names none (or outside a request)."""
    if not has_request_context():
        return None
    text = request.args.get(VERSION_ARG, "").strip()
    if not text:
        return None
    if len(text) > VERSION_ARG_MAX or text not in {version.dataset for version in held_versions()}:
        raise ApiError(404, f"Versi '{text[:VERSION_ARG_MAX]}' tidak ada (daftarnya: /api/versions).")
    return text


def bind(query: NamedQuery, given: Mapping[str, Any], datasets: Sequence[str] | None = None) -> dict[str, Any]:
    """NamedQuery.bind plus what Neo4j would choke on: integers beyond 64 bits. A query that reads a version scope
    gets `datasets` (None: the default scope) unless the parameters name one (`?datasets=` of /api/queries)."""
    if query.scoped and given.get(SCOPE_PARAM, "") == "":
        given = {**given, SCOPE_PARAM: scope(datasets)}
    bound = query.bind(given)
    if masking_wanted() and bound.get(NIP_EXACT_PARAM) is False:
        raise ApiError(
            403,
            f"'{NIP_EXACT_PARAM}=false' (matching part of a NIP) needs a token: without one a NIP "
            "is found only in full",
        )
    errors = [
        f"parameter '{name}' is out of range"
        for name, value in bound.items()
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT64_MAX
    ]
    if errors:
        raise ParameterError(errors)
    return bound


def run_named(
    name: str, given: Mapping[str, Any], datasets: Sequence[str] | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows of a read-mode named query (the caller refuses write-mode ones first), read from the
    versions `datasets` (None: the default scope)."""
    query = catalog()[name]
    return database().table(query.cypher, bind(query, given, datasets), packed=True)
