"""The model's schema: every declared constraint and index exists in the real database, idempotently."""

from graph import model


def test_constraints_and_indexes_exist_with_deterministic_names(session_runner):
    model.apply_schema(session_runner)
    model.apply_schema(session_runner)  # a second time changes nothing and does not fail
    constraints = {
        row["name"]: row
        for row in session_runner.read("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *")
    }
    indexes = {row["name"] for row in session_runner.read("SHOW INDEXES YIELD name RETURN name")}
    for node in model.NODE_TYPES:
        name = f"pokin_{node.label.lower()}_{'_'.join(node.key)}_dataset_unique"
        assert constraints[name]["type"] == "UNIQUENESS"
        assert constraints[name]["labelsOrTypes"] == [node.label]
        assert constraints[name]["properties"] == [*node.key, "dataset"]  # a key is unique within a version
    assert model.schema_names() <= set(constraints) | indexes
    assert "pokin_goal_level" in indexes and "pokin_rel_contributes_to_dataset" in indexes


def test_uniqueness_is_enforced_by_neo4j(runner):
    runner.write("CREATE (:Goal {id: 'G1', level: 'visi', dataset: 'p'})")
    runner.write("CREATE (:Goal {id: 'G1', level: 'visi', dataset: 'p@2026'})")  # the same element, another version
    try:
        runner.write("CREATE (:Goal {id: 'G1', level: 'misi', dataset: 'p'})")
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises, its message must name the constraint
        assert "already exists" in str(exc)
    else:
        raise AssertionError("a duplicate Goal id was accepted")


def test_statements_are_generated_from_the_declarations():
    statements = model.constraint_statements()
    assert all("IF NOT EXISTS" in statement for statement in statements)
    assert len(statements) == len(set(statements))
    assert any("FOR (n:IndicatorYear) REQUIRE (n.indicator_id, n.year, n.dataset) IS UNIQUE" in s for s in statements)


def test_a_missing_index_or_constraint_is_created_again(session_runner):
    model.apply_schema(session_runner)
    session_runner.write("DROP INDEX pokin_goal_level")
    session_runner.write("DROP CONSTRAINT pokin_asn_nip_dataset_unique")
    try:
        model.apply_schema(session_runner)  # the short cut (all there and online) must not hide a gap
    finally:
        model.apply_schema(session_runner)
    names = {row["name"] for row in session_runner.read("SHOW INDEXES YIELD name RETURN name")}
    constraints = {row["name"] for row in session_runner.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert "pokin_goal_level" in names and "pokin_asn_nip_dataset_unique" in constraints


def test_a_graph_from_before_versions_loses_its_key_only_constraints(runner):
    """A graph written before versions has uniqueness on the key alone; applying the schema drops it, so two
    versions of an element can be held (the one migration step the schema needs: docs/versions.md)."""
    model.apply_schema(runner)
    runner.write("DROP INDEX pokin_goal_id")  # an old graph has the constraint's index on Goal.id instead
    runner.write("CREATE CONSTRAINT pokin_goal_id_unique IF NOT EXISTS FOR (n:Goal) REQUIRE (n.id) IS UNIQUE")
    try:
        model.apply_schema(runner)
        constraints = {row["name"] for row in runner.read("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert "pokin_goal_id_unique" not in constraints and "pokin_goal_id_dataset_unique" in constraints
    finally:
        runner.write("DROP CONSTRAINT pokin_goal_id_unique IF EXISTS")
        model.apply_schema(runner)
