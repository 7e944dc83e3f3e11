"""`pokin versions`, `pokin remove` and `pokin migrate`: the versions a graph holds (docs/versions.md)."""

from __future__ import annotations

import click
from neo4j.exceptions import DriverError, Neo4jError

from graph.db import Runner
from graph.export import to_csv, to_json, to_table


@click.command("versions")
@click.option("--pemda", help="Only this Pemda's versions.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def versions_command(pemda: str | None, fmt: str) -> None:
    """The versions the graph holds, by Pemda, oldest first; `latest` marks what queries read by default."""
    from graph import versions

    runner = Runner.from_settings()
    try:
        held = versions.list_versions(runner)
    finally:
        runner.close()
    rows = [
        {key: value for key, value in row.items() if key != "title"}
        for row in versions.listing(held)
        if pemda is None or row["pemda"] == pemda
    ]
    if not rows:
        click.echo("no version is held" + (f" of Pemda {pemda}" if pemda else ""), err=True)
        return
    text = to_json(rows) if fmt == "json" else to_csv(rows) if fmt == "csv" else to_table(rows)
    click.echo(text, nl=fmt != "csv")


@click.command("remove")
@click.argument("dataset")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
def remove_command(dataset: str, dry_run: bool) -> None:
    """Remove one version (its dataset key, e.g. `sukamaju@2025`, as `pokin versions` lists it) whole, in one
    transaction, after any running import; nothing of another version is touched but the references of other
    Pemda that end in it (listed)."""
    from graph.importer.remove import UnknownVersion, remove

    runner = Runner.from_settings()
    try:
        removal = remove(runner, dataset, dry_run=dry_run)
    except UnknownVersion:
        raise click.ClickException(f"no version '{dataset}' is held (pokin versions lists them)") from None
    except (DriverError, Neo4jError) as exc:
        raise click.ClickException(f"nothing was removed: {getattr(exc, 'message', None) or exc}") from None
    finally:
        runner.close()
    nodes = ", ".join(f"{label}={count}" for label, count in sorted(removal.nodes.items())) or "no node"
    verb = "would remove" if dry_run else "removed"
    click.echo(f"{verb} version {dataset}: {nodes}")
    for key, count in sorted(removal.inbound.items()):
        other, rel_type = key.split(" ", 1)
        click.echo(f"  {count} {rel_type} of version {other} end in it and {'would go' if dry_run else 'went'} too")
    if dry_run:
        click.echo("(dry run, nothing removed)")


@click.command("migrate")
def migrate_command() -> None:
    """Bring a graph written before versions under the model: uniqueness per version, and a record of each dataset
    as the unnamed version of its Pemda. Idempotent."""
    from graph.importer.remove import migrate

    runner = Runner.from_settings()
    try:
        recorded = migrate(runner)
    except (DriverError, Neo4jError) as exc:
        raise click.ClickException(f"the migration failed: {getattr(exc, 'message', None) or exc}") from None
    finally:
        runner.close()
    click.echo(f"schema up to date; {len(recorded)} dataset(s) recorded as versions" + (": " if recorded else ""))
    for dataset in recorded:
        click.echo(f"  {dataset}")


COMMANDS = (versions_command, remove_command, migrate_command)
