"""The web pages, in Bahasa Indonesia, server-rendered with Jinja (service/templates/) around the pyvis views
of visual/, each with a `.json` twin of the same data (routes: service/pages/routes.py).

`register(app)` adds their blueprints, the HTML 404 page for unknown addresses and the Jinja filters; the
pages' settings (PAGES_*, CAPAIAN_SCALE, CAPAIAN_CAP, SECRET_KEY) are read with every other one in
service/config.py.
"""

from __future__ import annotations

from flask import Flask

from graph.capaian import scale
from service.pages import data, documents, mph, panel, risk  # noqa: F401 - their routes join the pages' blueprints (routes.py)
from service.pages.people import install
from service.pages.routes import api_bp, html_bp, json_bp
from service.pages.security import html_for_unknown_paths
from visual import styles


def register(app: Flask) -> None:
    scale(app.config["CAPAIAN_SCALE"])  # an unknown scale stops the app at start, naming the choices
    risk.parse_ages(app.config["PEOPLE_BUP"])  # so do ages that are no ages
    install(app)
    app.jinja_env.filters.update(
        angka=styles.format_number, persen=styles.format_percent, rupiah=styles.format_rupiah, sel=data.cell_text
    )
    app.register_blueprint(html_bp)
    app.register_blueprint(json_bp)
    app.register_blueprint(api_bp)
    html_for_unknown_paths(app)
