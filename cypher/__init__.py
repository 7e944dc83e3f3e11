"""The named queries: one `.cypher` file each, with its checked header (graph/catalog.py).

A package only so that the files ship as package data (pyproject.toml) and graph/catalog.py finds them with
importlib.resources wherever pokin is installed; there is no Python here.
"""
