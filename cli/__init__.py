"""The `pokin` command line (cli/main.py): the top of the layers, wiring the product (graph, visual, service)
and the tools (seed, bench); nothing imports it."""
