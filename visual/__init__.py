"""pyvis network views of the performance tree (built by pure functions from query results).

- `visual.styles`: every colour, shape and legend text (Bahasa Indonesia), in one place.
- `visual.network`: pure builders (`build_tree`, `build_line_of_sight`, `build_impact`) from the rows of
  the view_* named queries to a `pyvis.network.Network` with precomputed positions and collapsing.
- `visual.render`: HTML through pyvis' `generate_html()` with pokin's own offline templates: a fragment
  for a page, or a standalone file (`asset_paths()` names the vis-network files the service serves).
- `visual.views`: fetch through the named queries (the one Runner) and build: `tree_view`, `staff_view`,
  `impact_view`, `write_standalone`.
"""
