"""HTML of a network view, through pyvis' `Network.generate_html()` with pokin's own templates.

pyvis' bundled template loads vis-network, bootstrap and tom-select from CDNs (even with
cdn_resources="in_line" for some of them), so it is never used here: `generate_html()` is pointed at
visual/templates/ instead, which embed the nodes, edges and options as JSON and draw them with
visual/static/pokin-view.js.

- `render_fragment(net)`: the view to put in a page (Flask template: `{{ fragment }}`); the page loads
  vis-network itself, from the files `asset_paths()` names (or pass `asset_url` to emit the tags).
- `render_page(net)` / `write_standalone(net, path)`: one offline HTML file, everything inline
  (vis-network from pyvis' own bundled copy), with a Content-Security-Policy that lets it load nothing.
Nothing here opens a browser (no `show()`, no `write_html()`).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
DEFAULT_DOM_ID = "pokin-jaringan"
_DOM_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_ASSET_URL = re.compile(r"(/[A-Za-z0-9._~/-]*)?")


def asset_paths() -> dict[str, Path]:
    """The files a page needs, by the name to serve them under (same names as render_fragment's asset_url)."""
    return {
        "vis-network.min.js": VIS_DIR / "vis-network.min.js",
        "vis-network.min.css": VIS_DIR / "vis-network.css",
        "pokin-view.js": STATIC / "pokin-view.js",
        "pokin-view.css": STATIC / "pokin-view.css",
    }


@cache
def _asset_text(name: str) -> str:
    return asset_paths()[name].read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )


class _PokinTemplate:
    """What pyvis' generate_html() asks its template environment for; renders a pokin template."""

    def __init__(self, name: str, pokin: dict[str, Any], extra: dict[str, Any]):
        self.name, self.pokin, self.extra = name, pokin, extra

    def get_template(self, _name: str) -> _PokinTemplate:
        return self

    def render(self, **context: Any) -> str:
        options = context.get("options")
        payload = {
            "nodes": context["nodes"],
            "edges": context["edges"],
            "options": json.loads(options) if isinstance(options, str) else options,
            "pokin": self.pokin,
        }
        return _environment().get_template(self.name).render(payload=payload, height=context["height"], **self.extra)


def _generate(net: Network, template: str, extra: dict[str, Any]) -> str:
    """Run pyvis' generate_html() with a pokin template in place of pyvis' own (restored afterwards)."""
    pokin = getattr(net, "pokin", None) or _default_pokin(net)
    saved = net.templateEnv, net.path
    net.templateEnv, net.path = _PokinTemplate(template, pokin, extra), template
    try:
        return net.generate_html()
    finally:
        net.templateEnv, net.path = saved


def render_fragment(
    net: Network,
    *,
    dom_id: str = DEFAULT_DOM_ID,
    asset_url: str | None = None,
    inline_runtime: bool = True,
    autostart: bool = True,
) -> Markup:
    """The view as an HTML fragment (a <section> and its scripts) for a page template.

    dom_id: id of the canvas element (several views on one page need different ids).
    asset_url: a same-site path (e.g. "/static/vis") under which the page serves `asset_paths()`; the
    fragment then loads vis-network (and, when inline_runtime is False, pokin-view.js/.css) from there.
    Without it the page must load vis-network before the fragment.
    inline_runtime: embed pokin-view.js/.css in the fragment (a few kB), else load them from asset_url.
    autostart: end with an inline `<script>pokinView(id)</script>`; pages under a Content-Security-Policy
    without 'unsafe-inline' pass False and start the view from a served script (`data-pokin-dom` names it).
    """
    _check_dom_id(dom_id)
    if asset_url is not None and not _ASSET_URL.fullmatch(asset_url):
        raise ValueError(f"asset_url must be a path on this site like '/static/vis', not {asset_url!r}")
    extra = {
        "dom_id": dom_id,
        "asset_url": asset_url.rstrip("/") if asset_url else None,
        "inline_runtime": inline_runtime,
        "autostart": autostart,
        **_runtime(inline_runtime),
    }
    return Markup(_generate(net, "fragment.html", extra))


def render_page(net: Network, *, dom_id: str = DEFAULT_DOM_ID, generated: datetime | None = None) -> str:
    """A complete, standalone HTML document that needs no network at all (lang="id")."""
    _check_dom_id(dom_id)
    when = (generated or datetime.now()).strftime("%d-%m-%Y %H:%M")
    extra = {
        "dom_id": dom_id,
        "asset_url": None,
        "inline_runtime": False,
        "autostart": True,
        "generated": when,
        "vis_js": Markup(_asset_text("vis-network.min.js")),
        "vis_css": Markup(_asset_text("vis-network.min.css")),
        **_runtime(True),
    }
    return _generate(net, "page.html", extra)


def write_standalone(net: Network, path: str | Path, *, dom_id: str = DEFAULT_DOM_ID) -> Path:
    """Write render_page(net) to `path` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(render_page(net, dom_id=dom_id), encoding="utf-8")
    return target


def _runtime(inline: bool) -> dict[str, Any]:
    if not inline:
        return {"pokin_js": "", "pokin_css": ""}
    return {"pokin_js": Markup(_asset_text("pokin-view.js")), "pokin_css": Markup(_asset_text("pokin-view.css"))}


def _check_dom_id(dom_id: str) -> None:
    if not _DOM_ID.fullmatch(dom_id):
        raise ValueError(f"dom_id must be letters, digits, '-' or '_' (starting with a letter), not {dom_id!r}")


def _default_pokin(net: Network) -> dict[str, Any]:
    """For a plain pyvis Network: a minimal description so it still renders offline."""
    return {
        "view": "network",
        "title": net.heading or "Jaringan",
        "subtitle": None,
        "note": None,
        "legend": [],
        "legends": {"level": []},
        "color_by": "level",
        "color_modes": ["level"],
        "clusters": {},
        "layout": None,
        "hidden_edges": [],
        "summary": {"nodes": len(net.nodes), "edges": len(net.edges), "crosscutting_edges": 0},
    }
