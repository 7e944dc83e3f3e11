"""The app's one Runner with the service's bounds on every call, and the named-query catalog.

Every read made while answering a request goes through `Database`, which passes the service's retry
budget to the Runner: with Neo4j down, a request fails with 503 after about DB_RETRY_TIME seconds of
retries (plus at most the driver's 5 s connection timeout) instead of the driver's usual 10 s. The
driver's pool reconnects on its own, so the service answers again once Neo4j is back.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import current_app

from graph.catalog import Catalog, NamedQuery, ParameterError
from graph.db import Explained, Runner
from service.formats import INT64_MAX


class Database:
    """Runner.read-compatible (so graph.audit and Catalog.run accept it), with bounded retries."""

    def __init__(self, runner: Runner, retry_time: float, query_timeout: float):
        self.runner = runner
        self.retry_time = retry_time
        self.query_timeout = query_timeout

    def read(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
        return self.table(cypher, params, timeout=timeout, limit=limit)[1]

    def table(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
              limit: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        return self.runner.read_table(cypher, params, timeout=timeout or self.query_timeout, limit=limit,
                                      retry_time=self.retry_time)

    def explain(self, cypher: str, params: Mapping[str, Any] | None = None, *,
                timeout: float | None = None) -> Explained:
        return self.runner.explain(cypher, params, timeout=timeout or self.query_timeout,
                                   retry_time=self.retry_time)


def database() -> Database:
    return current_app.extensions["pokin.database"]


def catalog() -> Catalog:
    return current_app.extensions["pokin.catalog"]


def bind(query: NamedQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """NamedQuery.bind plus what Neo4j would choke on: integers beyond 64 bits."""
    bound = query.bind(given)
    errors = [f"parameter '{name}' is out of range" for name, value in bound.items()
              if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT64_MAX]
    if errors:
        raise ParameterError(errors)
    return bound


def run_named(name: str, given: Mapping[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows of a read-mode named query (the caller refuses write-mode ones first)."""
    query = catalog()[name]
    return database().table(query.cypher, bind(query, given))
