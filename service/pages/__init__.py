"""The web pages, in Bahasa Indonesia, server-rendered with Jinja (service/templates/) around the pyvis views
of visual/, each with a `.json` twin of the same data (routes: service/pages/routes.py).

`register(app)` adds their blueprints, the HTML 404 page for unknown addresses and the Jinja filters; the
pages' settings (PAGES_*, CAPAIAN_SCALE, CAPAIAN_CAP, SECRET_KEY) are read with every other one in
service/config.py.
"""

from __future__ import annotations

from flask import Flask

from graph.capaian import scale
from service.pages import changes, data, documents, mph, panel, risk, routes
from service.pages.people import install
from service.pages.security import html_for_unknown_paths
from visual import styles


def register(app: Flask) -> None:
    scale(app.config["CAPAIAN_SCALE"])  # an unknown scale stops the app at start, naming the choices
    risk.parse_ages(app.config["PEOPLE_BUP"])  # so do ages that are no ages
    install(app)
    app.jinja_env.filters.update(
        angka=styles.format_number, persen=styles.format_percent, rupiah=styles.format_rupiah, sel=data.cell_text
    )
    for blueprint in (
        routes.html_bp,
        routes.json_bp,
        documents.html_bp,
        documents.api_bp,
        mph.html_bp,
        mph.api_bp,
        panel.api_bp,
        changes.html_bp,
    ):  # each module owns its blueprints
        app.register_blueprint(blueprint)
    html_for_unknown_paths(app)
