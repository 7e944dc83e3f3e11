"""Connection settings, read from the environment in one place so every part runs against any Neo4j 5."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
# The local launcher sets the neo4j user's password to this same value, so the defaults always match.
DEFAULT_PASSWORD = "pokin-local"
DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if env is None else env
        return cls(
            uri=env.get("NEO4J_URI") or DEFAULT_URI,
            user=env.get("NEO4J_USER") or DEFAULT_USER,
            password=env.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            database=env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )


def pokin_home() -> Path:
    """Where the local server keeps its jars and data: $POKIN_HOME, else .pokin/ in the checkout (git-ignored)."""
    configured = os.environ.get("POKIN_HOME")
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(__file__).resolve().parent.parent / ".pokin"
