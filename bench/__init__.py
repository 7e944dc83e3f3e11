"""The benchmarks (BENCHMARKS.md): a tool beside the product, run as `pokin bench` or `python -m bench.<module>`;
graph, visual and service never import it."""
