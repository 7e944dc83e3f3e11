"""pyvis network views of the performance tree (built by pure functions from query results)."""
