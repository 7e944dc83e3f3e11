"""Service settings from the environment, read in one place so a deployment is configured by variables only.

| variable | app.config key | default |
|---|---|---|
| `POKIN_TOKENS` | `TOKENS` | none: `token:role,token:role`, role `reader` or `editor` |
| `POKIN_ANONYMOUS_READ` | `ANONYMOUS_READ` | `loopback` (only 127.0.0.1 / ::1), or `true`, `false` |
| `POKIN_MAX_UPLOAD_MB` | `MAX_UPLOAD_MB` | 20 (request bodies above it get 413) |
| `POKIN_CYPHER_TIMEOUT` | `CYPHER_TIMEOUT` | 10 seconds (analyst Cypher, server-side) |
| `POKIN_CYPHER_MAX_ROWS` | `CYPHER_MAX_ROWS` | 5000 (analyst Cypher row cap) |
| `POKIN_CYPHER_MAX_MB` | `CYPHER_MAX_MB` | 16 (analyst Cypher answer cap, measured while the rows arrive) |
| `POKIN_CYPHER_MAX_CHARS` | `CYPHER_MAX_CHARS` | 20000 (longest analyst query, in characters) |
| `POKIN_CYPHER_MAX_NESTING` | `CYPHER_MAX_NESTING` | 100 (deepest nesting of an analyst query: service/http/cypher_guard.py) |
| `POKIN_CYPHER_MAX_RANGE` | `CYPHER_MAX_RANGE` | 1000000 (elements all range() calls of an analyst query make together) |
| `POKIN_PAGE_MAX` | `PAGE_MAX` | 1000 (largest `limit`) |
| `POKIN_ALLOWED_HOSTS` | `ALLOWED_HOSTS` | `localhost,127.0.0.1,[::1]`: names the `Host` header may carry (any port); `*`: any |
| `POKIN_CORS_ORIGINS` | `CORS_ORIGINS` | none: CORS off; else `https://a.example,https://b.example` |
| `POKIN_CACHE_MB` | `CACHE_MB` | 256: query rows kept until the data changes (service/http/results.py); 0 turns it off |
| `POKIN_CACHE_SECONDS` | `CACHE_SECONDS` | 900: the longest a kept result is served (for writes made outside pokin) |
| `POKIN_CACHE_CHECK_SECONDS` | `CACHE_CHECK_SECONDS` | 1: how often the data version is read; 0: on every request |
| `POKIN_PAGES_QUERY_TIMEOUT` | `PAGES_QUERY_TIMEOUT` | 10: seconds one Beranda part (a finding, capaian per OPD) may take |
| `POKIN_PAGES_AUDIT_BUDGET` | `PAGES_AUDIT_BUDGET` | 20: seconds Beranda spends on findings in all |
| `POKIN_PAGES_ACHIEVEMENT_TIMEOUT` | `PAGES_ACHIEVEMENT_TIMEOUT` | 30: seconds the achievement colouring may take |
| `POKIN_PAGES_BACKGROUND_TIMEOUT` | `PAGES_BACKGROUND_TIMEOUT` | 300: a Beranda part past its time, computed in the background |
| `POKIN_PAGES_FINDING_TIMEOUT` | `PAGES_FINDING_TIMEOUT` | 60: seconds one finding's page may take |
| `POKIN_PAGES_CACHE_SECONDS` | `PAGES_CACHE_SECONDS` | 300: how long the pages keep computed findings and achievement (service/pages/cache.py) |
| `POKIN_CAPAIAN_SCALE` | `CAPAIAN_SCALE` | `pemda`: predikat scale of every capaian shown, or `permendagri86` (docs/capaian.md); an unknown one stops the app |
| `POKIN_CAPAIAN_CAP` | `CAPAIAN_CAP` | 120: upper cap of an indicator's capaian |
| `POKIN_PEOPLE_BUP` | `PEOPLE_BUP` | `58,60,60,65`: the batas usia pensiun of everyone else, a JPT, a fungsional ahli madya and ahli utama (the Beranda's retirements); anything else stops the app |
| `POKIN_PEOPLE_RETIREMENT_YEARS` | `PEOPLE_RETIREMENT_YEARS` | 2: years the Beranda counts retirements in, from the year it shows |
| `POKIN_SECRET_KEY` | `SECRET_KEY` | none (a random key per process): the key of the ASN pseudonyms on pages (service/pages/people.py); processes serving one site share it |

The Neo4j connection itself comes from `graph.config.Neo4jSettings` (NEO4J_URI and friends), which create_app
calls; no other module of service/ reads the environment (tests/test_layers.py checks it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from graph.capaian import DEFAULT_CAP, DEFAULT_SCALE

ROLES = ("reader", "editor")
ANONYMOUS_MODES = ("loopback", "true", "false")

PAGES_TIMES = {
    "PAGES_QUERY_TIMEOUT": 10.0,
    "PAGES_AUDIT_BUDGET": 20.0,
    "PAGES_ACHIEVEMENT_TIMEOUT": 30.0,
    "PAGES_FINDING_TIMEOUT": 60.0,
    "PAGES_CACHE_SECONDS": 300.0,
    "PAGES_BACKGROUND_TIMEOUT": 300.0,
}

DEFAULTS: dict[str, Any] = {
    "TOKENS": {},
    "ANONYMOUS_READ": "loopback",
    "MAX_UPLOAD_MB": 20.0,
    "CYPHER_TIMEOUT": 10.0,
    "CYPHER_MAX_ROWS": 5000,
    "CYPHER_MAX_MB": 16.0,
    "CYPHER_MAX_CHARS": 20_000,
    "CYPHER_MAX_NESTING": 100,
    "CYPHER_MAX_RANGE": 1_000_000,
    "PAGE_MAX": 1000,
    "CACHE_MB": 256.0,
    "CACHE_SECONDS": 900.0,
    "CACHE_CHECK_SECONDS": 1.0,
    # Not from the environment: how long one request may keep retrying an unreachable Neo4j, the
    # timeout of named queries, and the limits on an uploaded zip (members, bytes once unpacked).
    "DB_RETRY_TIME": 2.0,
    "QUERY_TIMEOUT": 30.0,
    "ZIP_MAX_MEMBERS": 64,
    "ZIP_MAX_UNPACKED_MB": 200.0,
    # How long POST /api/import waits for Neo4j to answer again when its commit lost its answer (then it
    # says whether the import was written, or that this is unknown).
    "IMPORT_OUTCOME_WAIT": 30.0,
    "CORS_ORIGINS": (),
    "ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]",
    # the web pages (service/pages/): their time budgets in seconds, the capaian rules, the pseudonym key
    **PAGES_TIMES,
    "CAPAIAN_SCALE": DEFAULT_SCALE,
    "CAPAIAN_CAP": DEFAULT_CAP,
    "PEOPLE_BUP": "58,60,60,65",
    "PEOPLE_RETIREMENT_YEARS": 2,
    "SECRET_KEY": None,
}

_ENV = {
    "TOKENS": "POKIN_TOKENS",
    "ANONYMOUS_READ": "POKIN_ANONYMOUS_READ",
    "MAX_UPLOAD_MB": "POKIN_MAX_UPLOAD_MB",
    "CYPHER_TIMEOUT": "POKIN_CYPHER_TIMEOUT",
    "CYPHER_MAX_ROWS": "POKIN_CYPHER_MAX_ROWS",
    "CYPHER_MAX_MB": "POKIN_CYPHER_MAX_MB",
    "CYPHER_MAX_CHARS": "POKIN_CYPHER_MAX_CHARS",
    "CYPHER_MAX_NESTING": "POKIN_CYPHER_MAX_NESTING",
    "CYPHER_MAX_RANGE": "POKIN_CYPHER_MAX_RANGE",
    "PAGE_MAX": "POKIN_PAGE_MAX",
    "CORS_ORIGINS": "POKIN_CORS_ORIGINS",
    "ALLOWED_HOSTS": "POKIN_ALLOWED_HOSTS",
    "CACHE_MB": "POKIN_CACHE_MB",
    "CACHE_SECONDS": "POKIN_CACHE_SECONDS",
    "CACHE_CHECK_SECONDS": "POKIN_CACHE_CHECK_SECONDS",
    **{
        key: "POKIN_" + key
        for key in (*PAGES_TIMES, "CAPAIAN_SCALE", "CAPAIAN_CAP", "PEOPLE_BUP", "PEOPLE_RETIREMENT_YEARS", "SECRET_KEY")
    },
}


class ConfigError(ValueError):
    """A setting is malformed; the message names the variable (never a token)."""


def settings_from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The defaults overridden by whatever POKIN_* variables are set (still as text: see `normalise`)."""
    env = os.environ if env is None else env
    settings = dict(DEFAULTS)
    for key, variable in _ENV.items():
        if env.get(variable, "").strip():
            settings[key] = env[variable]
    return settings


def normalise(config: Mapping[str, Any]) -> dict[str, Any]:
    """Typed and checked values for the keys of DEFAULTS, from text (environment) or Python values."""
    return {
        "TOKENS": parse_tokens(config["TOKENS"]),
        "ANONYMOUS_READ": _choice("ANONYMOUS_READ", config["ANONYMOUS_READ"], ANONYMOUS_MODES),
        "MAX_UPLOAD_MB": _number("MAX_UPLOAD_MB", config["MAX_UPLOAD_MB"], float, 0.001),
        "CYPHER_TIMEOUT": _number("CYPHER_TIMEOUT", config["CYPHER_TIMEOUT"], float, 0.01),
        "CYPHER_MAX_ROWS": _number("CYPHER_MAX_ROWS", config["CYPHER_MAX_ROWS"], int, 1),
        "CYPHER_MAX_MB": _number("CYPHER_MAX_MB", config["CYPHER_MAX_MB"], float, 0.001),
        "CYPHER_MAX_CHARS": _number("CYPHER_MAX_CHARS", config["CYPHER_MAX_CHARS"], int, 1),
        "CYPHER_MAX_NESTING": _number("CYPHER_MAX_NESTING", config["CYPHER_MAX_NESTING"], int, 1),
        "CYPHER_MAX_RANGE": _number("CYPHER_MAX_RANGE", config["CYPHER_MAX_RANGE"], int, 1),
        "PAGE_MAX": _number("PAGE_MAX", config["PAGE_MAX"], int, 1),
        "DB_RETRY_TIME": _number("DB_RETRY_TIME", config["DB_RETRY_TIME"], float, 0.0),
        "QUERY_TIMEOUT": _number("QUERY_TIMEOUT", config["QUERY_TIMEOUT"], float, 0.01),
        "ZIP_MAX_MEMBERS": _number("ZIP_MAX_MEMBERS", config["ZIP_MAX_MEMBERS"], int, 1),
        "ZIP_MAX_UNPACKED_MB": _number("ZIP_MAX_UNPACKED_MB", config["ZIP_MAX_UNPACKED_MB"], float, 0.001),
        "IMPORT_OUTCOME_WAIT": _number("IMPORT_OUTCOME_WAIT", config["IMPORT_OUTCOME_WAIT"], float, 0.0),
        "CORS_ORIGINS": parse_origins(config["CORS_ORIGINS"]),
        "ALLOWED_HOSTS": parse_hosts(config["ALLOWED_HOSTS"]),
        "CACHE_MB": _number("CACHE_MB", config["CACHE_MB"], float, 0.0),
        "CACHE_SECONDS": _number("CACHE_SECONDS", config["CACHE_SECONDS"], float, 0.0),
        "CACHE_CHECK_SECONDS": _number("CACHE_CHECK_SECONDS", config["CACHE_CHECK_SECONDS"], float, 0.0),
        **{key: _number(key, config[key], float, 0.0) for key in PAGES_TIMES},
        "CAPAIAN_SCALE": str(config["CAPAIAN_SCALE"]).strip(),  # checked against graph.capaian at start (pages)
        "CAPAIAN_CAP": _number("CAPAIAN_CAP", config["CAPAIAN_CAP"], float, 0.0),
        "PEOPLE_BUP": str(config["PEOPLE_BUP"]).strip(),  # checked at start (service/pages/risk.py parse_ages)
        "PEOPLE_RETIREMENT_YEARS": _number("PEOPLE_RETIREMENT_YEARS", config["PEOPLE_RETIREMENT_YEARS"], int, 1),
        "SECRET_KEY": config["SECRET_KEY"] or None,
    }


def parse_tokens(value: str | Mapping[str, str]) -> dict[str, str]:
    """`token:role,token:role` (or a mapping) to {token: role}; errors name the entry, not the token."""
    if isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = []
        for number, entry in enumerate(str(value).split(","), start=1):
            if not entry.strip():
                continue
            token, sep, role = entry.strip().rpartition(":")
            if not sep or not token.strip():
                raise ConfigError(f"POKIN_TOKENS: entry {number} must be 'token:role'")
            pairs.append((token.strip(), role.strip()))
    tokens: dict[str, str] = {}
    for number, (token, role) in enumerate(pairs, start=1):
        if role not in ROLES:
            raise ConfigError(f"POKIN_TOKENS: entry {number} has role '{role}'; use reader or editor")
        if len(token) < 8:
            raise ConfigError(f"POKIN_TOKENS: entry {number} has a token shorter than 8 characters")
        tokens[token] = role
    return tokens


def parse_origins(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """`https://a.example,https://b.example` to a tuple; each must be scheme://host[:port], nothing more."""
    entries = value.split(",") if isinstance(value, str) else list(value)
    origins = []
    for entry in (str(item).strip() for item in entries):
        if not entry:
            continue
        if entry == "*" or not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", entry):
            raise ConfigError(f"POKIN_CORS_ORIGINS: '{entry}' is not an origin like https://host[:port]")
        origins.append(entry)
    return tuple(origins)


def parse_hosts(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """`pokin.example.go.id,localhost` to lower-case names (an IPv6 address in brackets); `*` alone allows any
    Host (only behind a proxy that checks it). A port is not part of an entry: any port is accepted."""
    entries = value.split(",") if isinstance(value, str) else list(value)
    hosts = []
    for entry in (str(item).strip().lower() for item in entries):
        if not entry:
            continue
        if entry != "*" and not re.fullmatch(r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\]", entry):
            raise ConfigError(
                f"POKIN_ALLOWED_HOSTS: '{entry}' is not a host name, an IPv4 address or a "
                "bracketed IPv6 address (without a port)"
            )
        hosts.append(entry)
    if not hosts:
        raise ConfigError("POKIN_ALLOWED_HOSTS: name at least one host (or * for any)")
    return tuple(hosts)


def _choice(key: str, value: Any, allowed: tuple[str, ...]) -> str:
    text = str(value).strip().lower()
    if isinstance(value, bool):
        text = "true" if value else "false"
    if text not in allowed:
        raise ConfigError(f"POKIN_{key}: '{value}' is not one of {', '.join(allowed)}")
    return text


def _number(key: str, value: Any, kind: type, minimum: float) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"POKIN_{key}: '{value}' is not {'an integer' if kind is int else 'a number'}") from None
    if number < minimum:
        raise ConfigError(f"POKIN_{key}: {value} is below the minimum {minimum}")
    return number
