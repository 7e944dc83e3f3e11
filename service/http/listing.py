"""List endpoints: one view answering at `rule` and `rule.<suffix>` (JSON page, CSV, XLSX; service/http/formats.py),
its answers kept per data version (service/http/kept.py). Each route module passes its own blueprint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint

from service.http.kept import kept_answer


def list_route(
    bp: Blueprint, rule: str, endpoint: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register on `bp` a GET list endpoint at `rule` and at `rule.<suffix>` (e.g. `.csv`, `.xlsx`), its answers
    kept per data version (service/http/kept.py)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        name = endpoint or view.__name__
        served = kept_answer(view)
        bp.add_url_rule(rule, name, served, methods=["GET"], defaults={"suffix": None})
        bp.add_url_rule(rule + ".<suffix>", name, served, methods=["GET"])
        return view

    return decorate
