"""The local Neo4j that `pokin neo4j start`, the tests and the benchmarks run (server.py, and the Java launcher in
neo4j_server/). The product does not import it: the runner (graph/db.py) connects to whatever NEO4J_URI names."""
