"""ASN on pages for anonymous readers: drawn and linked under a pseudonym, their NIP masked (UU 27/2022 PDP).

A pseudonym is `asn-` and 20 hex digits of an HMAC of the NIP under a key of this process (or the app's
SECRET_KEY), so it reveals nothing and cannot be reversed; the server resolves it back by hashing the NIPs it
holds (cached; reloaded on a miss, at most every RELOAD_SECONDS). Readers with a token see, and link by, the
NIP itself. Several processes serving one site must share the key: set SECRET_KEY or POKIN_SECRET_KEY.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time

from flask import Flask, current_app

from service.http.database import database
from service.http.formats import masking_wanted
from service.http.masking import mask_nip
from visual.views import People

PREFIX = "asn-"
# Every version on purpose: a pseudonym names a person, whose NIP is the same in each version of the tree.
ALL_NIPS = "MATCH (s:ASN) RETURN DISTINCT s.nip AS nip"
RELOAD_SECONDS = 30.0  # unknown pseudonyms must not make every request read all NIPs
_LOCK = threading.Lock()


def install(app: Flask) -> None:
    """Give the app its pseudonym key and an empty resolution cache."""
    secret = app.config.get("SECRET_KEY")  # or POKIN_SECRET_KEY (service/config.py)
    key = hashlib.sha256(str(secret).encode()).digest() if secret else secrets.token_bytes(32)
    app.extensions["pokin.pages.people"] = {"key": key, "known": {}, "loaded": None}


def _state() -> dict:
    return current_app.extensions["pokin.pages.people"]


def reference(nip: str) -> str:
    """The pseudonym of a NIP (stable for this process)."""
    digest = hmac.new(_state()["key"], nip.encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:20]


def link_id(nip: str | None) -> str | None:
    """What a link to this ASN carries: the pseudonym for anonymous readers, else the NIP."""
    if nip is None:
        return None
    return reference(nip) if masking_wanted() else nip


def for_viewer() -> People | None:
    """The visual.views `people` mapping for this request: None when the reader may see NIPs."""
    if not masking_wanted():
        return None
    return lambda nip: (reference(nip), mask_nip(nip))


def resolve(value: str) -> str | None:
    """The NIP behind a pseudonym (None if unknown); anything else is returned as it is."""
    if not value.startswith(PREFIX):
        return value
    state = _state()
    known = state["known"]
    if value not in known:
        with _LOCK:
            if state["loaded"] is None or time.monotonic() - state["loaded"] > RELOAD_SECONDS:
                fresh = {reference(row["nip"]): row["nip"] for row in database().read(ALL_NIPS) if row["nip"]}
                known.clear()
                known.update(fresh)
                state["loaded"] = time.monotonic()
    return known.get(value)
