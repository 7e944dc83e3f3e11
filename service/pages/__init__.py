"""The web pages, in Bahasa Indonesia, server-rendered with Jinja (service/templates/) around the pyvis views
of visual/, each with a `.json` twin of the same data (routes: service/pages/routes.py).

`register(app)` adds both blueprints, the HTML 404 page for unknown addresses and the pages' settings:

| setting (app.config / environment) | default | meaning |
|---|---|---|
| `PAGES_QUERY_TIMEOUT` / `POKIN_PAGES_QUERY_TIMEOUT` | 10 | seconds one Beranda part (a finding, capaian per OPD) may take |
| `PAGES_AUDIT_BUDGET` / `POKIN_PAGES_AUDIT_BUDGET` | 20 | seconds Beranda spends on findings in all |
| `PAGES_ACHIEVEMENT_TIMEOUT` / `POKIN_PAGES_ACHIEVEMENT_TIMEOUT` | 30 | seconds the achievement colouring may take |
| `PAGES_BACKGROUND_TIMEOUT` / `POKIN_PAGES_BACKGROUND_TIMEOUT` | 300 | a Beranda part past its time, computed in the background |
| `PAGES_FINDING_TIMEOUT` / `POKIN_PAGES_FINDING_TIMEOUT` | 60 | seconds one finding's page may take |
| `PAGES_CACHE_SECONDS` / `POKIN_PAGES_CACHE_SECONDS` | 300 | how long computed findings and achievement are kept |
| `CAPAIAN_SCALE` / `POKIN_CAPAIAN_SCALE` | pemda | predikat scale of every capaian the pages show: `pemda` or `permendagri86` (docs/capaian.md) |
| `CAPAIAN_CAP` / `POKIN_CAPAIAN_CAP` | 120 | upper cap of an indicator's capaian |
| `PEOPLE_BUP` / `POKIN_PEOPLE_BUP` | 58,60,60,65 | batas usia pensiun: everyone else, JPT, fungsional ahli madya, ahli utama |
| `PEOPLE_RETIREMENT_YEARS` / `POKIN_PEOPLE_RETIREMENT_YEARS` | 2 | years the Beranda counts retirements in, from the year it shows |
"""
from __future__ import annotations

import os

from flask import Flask

from graph.capaian import DEFAULT_CAP, DEFAULT_SCALE, scale
from service.pages import data, documents, mph, panel, risk  # noqa: F401 - /api/elements/<id>, /api/docs/<kind>, /api/mph/<unit> join the API blueprint
from service.pages.people import install
from service.pages.routes import html_bp, json_bp
from service.pages.security import html_for_unknown_paths
from visual import styles

SETTINGS = {"PAGES_QUERY_TIMEOUT": 10.0, "PAGES_AUDIT_BUDGET": 20.0, "PAGES_ACHIEVEMENT_TIMEOUT": 30.0,
            "PAGES_FINDING_TIMEOUT": 60.0, "PAGES_CACHE_SECONDS": 300.0, "PAGES_BACKGROUND_TIMEOUT": 300.0,
            "CAPAIAN_CAP": DEFAULT_CAP}


def register(app: Flask) -> None:
    for key, default in SETTINGS.items():
        app.config.setdefault(key, float(os.environ.get("POKIN_" + key, default)))
    app.config.setdefault("CAPAIAN_SCALE", os.environ.get("POKIN_CAPAIAN_SCALE") or DEFAULT_SCALE)
    scale(app.config["CAPAIAN_SCALE"])  # an unknown scale stops the app at start, naming the choices
    app.config.setdefault("PEOPLE_BUP", os.environ.get("POKIN_PEOPLE_BUP") or risk.DEFAULT_BUP)
    risk.parse_ages(app.config["PEOPLE_BUP"])  # so do ages that are no ages
    app.config.setdefault("PEOPLE_RETIREMENT_YEARS", int(os.environ.get("POKIN_PEOPLE_RETIREMENT_YEARS") or 2))
    install(app)
    app.jinja_env.filters.update(angka=styles.format_number, persen=styles.format_percent, rupiah=styles.format_rupiah,
                                 sel=data.cell_text)
    app.register_blueprint(html_bp)
    app.register_blueprint(json_bp)
    html_for_unknown_paths(app)
