"""pokin's graph layer: the model, the Neo4j connection, the loaders and the local Neo4j launcher."""
