"""The `pokin` command line: the local Neo4j, imports, the sample kabupaten and the service."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from neo4j.exceptions import DriverError, IncompleteCommit, Neo4jError

import seed
from cli import versions as versions_cli
from graph.catalog import Catalog, CatalogError, ParameterError, load_complete_catalog, reference_markdown
from graph.config import Neo4jSettings
from graph.db import Runner
from graph.export import to_csv, to_json, to_table
from graph.importer import (
    OUTCOME_WAIT_SECONDS,
    ImportNotWritten,
    ImportOutcomeUnknown,
    ImportRejected,
    ImportReport,
    import_log,
    import_path,
)
from graph.launcher.server import LocalServer, ServerError

SAMPLE_DIR = Path(seed.__file__).resolve().parent / "sample"


def _catalog() -> Catalog:
    """The shipped catalog, checked complete (graph/catalog.py): a missing or malformed query stops the command
    before it does anything, naming the file and line."""
    try:
        return load_complete_catalog()
    except CatalogError as error:
        raise click.ClickException(str(error)) from None


@click.group()
def main() -> None:
    """pokin: pohon kinerja (performance trees) in Neo4j."""


@main.group("neo4j")
def neo4j_group() -> None:
    """The local Neo4j used by the demo (bolt://127.0.0.1:7687 unless POKIN_NEO4J_PORT says otherwise)."""


@neo4j_group.command("start")
def neo4j_start() -> None:
    """Start in the background and wait until Bolt answers; nothing happens if it already runs."""
    server = LocalServer.default()
    was_running = server.pid() is not None
    try:
        uri = server.start()
    except ServerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'already running' if was_running else 'started'}: {uri}")


@neo4j_group.command("stop")
def neo4j_stop() -> None:
    """Shut down cleanly; the data stays in .pokin/neo4j/data."""
    click.echo("stopped" if LocalServer.default().stop() else "not running")


@neo4j_group.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs and answers (exit code 1 when it does not)."""
    server = LocalServer.default()
    if server.is_running():
        click.echo(f"running: {server.uri} (pid {server.pid()}, data {server.data_dir})")
        return
    click.echo("not running")
    sys.exit(1)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--dataset", help="Name of the dataset (default: the id of the top-level unit).")
@click.option(
    "--version",
    "version_name",
    help="The version the files are of: a PK year (2026) or a Renstra state (renstra-2025-2029-awal); "
    "the import replaces that version only (docs/versions.md). Default: the unnamed version.",
)
@click.option(
    "--version-kind",
    type=click.Choice(["pk", "renstra_awal", "renstra_perubahan"]),
    help="The kind of version (default: read from its name).",
)
@click.option("--period", help="The RPJMD/Renstra period the version belongs to, e.g. 2025-2029.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Validate only; write nothing (and say whether the dataset's last import was of these files).",
)
@click.option(
    "--outcome-wait",
    type=click.FloatRange(0, 3600),
    default=OUTCOME_WAIT_SECONDS,
    show_default=True,
    help="Seconds to wait for Neo4j to answer again when the commit loses its answer.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Matriks Renstra sheets: print which column became what, per sheet, with the warnings; write nothing.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Matriks sheets: a .json, .yaml or .csv file mapping unusual headers to fields "
    "(e.g. 'Tolok Ukur: indikator').",
)
@click.option(
    "--period-start",
    type=click.IntRange(2000, 2100),
    help="Matriks sheets: the period's first year, for year columns numbered in the period ('Tahun-3').",
)
@click.option("--pemda", help="Matriks sheets: the Pemda's name (e.g. 'Kabupaten Sumedang') when no sheet says it.")
def import_command(
    path: Path,
    dataset: str | None,
    version_name: str | None,
    version_kind: str | None,
    period: str | None,
    dry_run: bool,
    outcome_wait: float,
    explain: bool,
    mapping: Path | None,
    period_start: int | None,
    pemda: str | None,
) -> None:
    """Import a folder of CSV files or an .xlsx workbook (all or nothing); a workbook may hold matriks Renstra
    sheets (docs/import-format.md).

    Exit codes: 0 imported (or valid), 1 refused or not written, 3 whether it was written is unknown."""
    from graph.importer import MatriksOptions, VersionRequest
    from graph.importer.matriks import load_mapping

    try:
        options = MatriksOptions(load_mapping(mapping) if mapping else {}, period_start, pemda)
    except (ValueError, OSError) as exc:
        raise click.ClickException(f"--mapping: {exc}") from None
    if explain:
        _explain(path, options)
        return
    version = VersionRequest(version_name, version_kind, period)
    _import(path, dataset, dry_run, options, outcome_wait, version)


def _explain(path: Path, options) -> None:
    from graph.importer import explain_path

    lines, warnings, problems = explain_path(path, options)
    if not lines:
        click.echo("no matriks sheet found: the workbook is read as the import tables' sheets")
    for line in lines:
        click.echo(line)
    for warning in warnings:
        click.echo(f"warning: {warning}")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) reading the sheets")


@main.command("imports")
@click.option("--dataset", help="Only this dataset's imports.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def imports_command(dataset: str | None, limit: int, fmt: str) -> None:
    """The import log, newest first: when each dataset was last written, from which files, with what counts.

    Only imports that changed their dataset are recorded (the last 20 of each dataset)."""
    runner = Runner.from_settings()
    try:
        entries = import_log(runner, dataset, limit)
    finally:
        runner.close()
    if fmt == "json":
        click.echo(to_json(entries))
        return
    if not entries:
        click.echo(f"no import of {'dataset ' + dataset if dataset else 'any dataset'} is recorded", err=True)
        return
    click.echo(_render([_log_row(entry) for entry in entries], fmt), nl=fmt != "csv")


@main.command("reach")
@click.option("--rebuild", is_flag=True, help="Work the fact out again for the whole graph and mark it current.")
def reach_command(rebuild: bool) -> None:
    """Whether the audit reads the facts the importer keeps ("reaches an outcome", the activities reaching each
    element) or walks the graph (docs/reach.md).

    Every import keeps the fact current; after the graph was written outside the importer (raw Cypher, an older
    pokin) the audit walks the graph until the next import, or until `--rebuild`."""
    from graph.importer import reach

    runner = Runner.from_settings()
    try:
        if rebuild:
            written = reach.rebuild(runner)
            click.echo(
                f"reaches_outcome and activity_support worked out for the whole graph: {written} element(s) written; "
                "current"
            )
            return
        click.echo(
            "current: the audit reads reaches_outcome and activity_support"
            if reach.current(runner)
            else "not current: the audit walks the graph (pokin reach --rebuild, or the next import, makes it current)"
        )
    finally:
        runner.close()


def _log_row(entry: dict) -> dict:
    """One import log record as a flat row: the counts and the changes each in one cell."""
    counts = entry["counts"]
    return {
        "at": entry["at"],
        "dataset": entry["dataset"],
        "import": entry["id"],
        "source": entry["source"],
        "files": " ".join(entry["files"]),
        "digest": (entry["digest"] or "")[:16],
        "counts": ", ".join(f"{name}={counts[name]}" for name in sorted(counts)),
        "changes": f"+{entry['nodes_created']} -{entry['nodes_deleted']} nodes, "
        f"+{entry['relationships_created']} -{entry['relationships_deleted']} relationships, "
        f"{entry['properties_set']} properties set",
    }


@main.command("seed")
@click.option("--dry-run", is_flag=True, help="Validate only; write nothing.")
@click.option(
    "--synthetic",
    type=click.Choice(["kabupaten", "provinsi", "nasional", "negara"]),
    help="Generate synthetic data of this scale instead of the bundled sample.",
)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True, help="Random seed (--synthetic).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the import files here (--synthetic) instead of loading them.",
)
def seed_command(dry_run: bool, synthetic: str | None, seed_value: int, out: Path | None) -> None:
    """Load the bundled sample kabupaten (seed/sample), or generate synthetic data (--synthetic)."""
    if synthetic is None:
        if out is not None:
            raise click.ClickException("--out goes with --synthetic")
        _import(SAMPLE_DIR, None, dry_run)
        return
    import tempfile

    from seed.synthetic import dataset_folders, generate

    if out is not None:
        manifest = generate(synthetic, out, seed_value)
        totals = manifest["totals"]
        click.echo(
            f"{synthetic} (seed {seed_value}) written to {out}: {totals['datasets']} dataset(s), "
            f"{totals['nodes']['ASN']} ASN, {sum(totals['nodes'].values())} nodes, "
            f"{sum(totals['edges'].values())} edges; import order in {out / 'manifest.json'}"
        )
        return
    with tempfile.TemporaryDirectory(prefix="pokin-synthetic-") as tmp:
        generate(synthetic, Path(tmp), seed_value)
        folders = [folder for folder, _entry in dataset_folders(Path(tmp))]
        if dry_run:
            for folder in folders:
                _import(folder, None, dry_run)
            return
        _import_all(folders)


def _import_all(folders: list[Path]) -> None:
    """Several datasets in order, each in its own transaction; the next one's files are read while the
    current one is written (graph.importer.import_paths)."""
    from graph.importer import import_paths

    runner = Runner.from_settings()

    def imported(folder: Path, report) -> None:
        _echo_warnings(report.warnings, f"{folder}: ")
        written = report.written
        if report.settled:
            click.echo(
                f"Neo4j lost the connection while committing {folder}; once it answered again, its import "
                f"log showed that this import ({report.record.id}) committed whole.",
                err=True,
            )
        click.echo(
            f"imported dataset {report.dataset}: +{written.nodes_created} nodes, "
            f"+{written.relationships_created} relationships"
        )

    try:
        import_paths(folders, runner, on_report=imported, on_outcome_wait=_OutcomeWaitLine())
    except ImportRejected as exc:
        for problem in exc.problems:
            click.echo(f"{exc.path}: {problem}", err=True)
        if exc.not_shown:
            click.echo(f"{exc.path}: {exc.not_shown_line()}", err=True)
        raise click.ClickException(
            f"{exc.total} problem(s) in {exc.path}; nothing of it was written (the datasets before it were)"
        ) from None
    except ImportNotWritten as exc:
        raise click.ClickException(not_written_message(exc) + " (The datasets before it were written.)") from None
    except ImportOutcomeUnknown as exc:
        raise OutcomeUnknownExit(outcome_unknown_message(exc, exc.path)) from None
    except (DriverError, Neo4jError) as exc:
        raise click.ClickException(interrupted_import_message(exc)) from None
    finally:
        runner.close()


@main.command("bulk-import")
@click.option(
    "--into",
    required=True,
    metavar="local|FOLDER",
    help="'local': the local server (`pokin neo4j start`); or the folder of a local Neo4j store (made if absent).",
)
@click.option(
    "--work",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Where the CSV files for neo4j-admin are written (removed after); default: the system's temporary folder.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
def bulk_import_command(into: str, work: Path | None, paths: tuple[Path, ...]) -> None:
    """First load of datasets into a new, empty database with Neo4j's offline importer (neo4j-admin).

    The datasets are checked exactly as `pokin import` checks them, in the order given (a folder holding a
    synthetic manifest.json stands for its datasets in order); the first refused stops the load before the
    database is touched. A database that holds anything is refused. Updates afterwards: `pokin import`."""
    from graph.launcher.bulk import NotEmpty, bulk_load

    if into == "local":
        server = LocalServer.default()
    else:
        server = LocalServer.in_folder(Path(into), Neo4jSettings.from_env().password)

    def checked(folder: Path, report) -> None:
        _echo_warnings(report.warnings, f"{folder}: ")
        click.echo(
            f"checked dataset {report.dataset}: +{report.written.nodes_created} nodes, "
            f"+{report.written.relationships_created} relationships"
        )

    try:
        load = bulk_load(server, _bulk_folders(paths), on_report=checked, work=work)
    except ImportRejected as exc:
        for problem in exc.problems:
            click.echo(f"{exc.path}: {problem}", err=True)
        if exc.not_shown:
            click.echo(f"{exc.path}: {exc.not_shown_line()}", err=True)
        raise click.ClickException(f"{exc.total} problem(s) in {exc.path}; nothing was written") from None
    except (NotEmpty, ServerError) as exc:
        raise click.ClickException(str(exc)) from None
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in load.seconds.items())
    click.echo(
        f"bulk-loaded {len(load.reports)} dataset(s) into {server.data_dir}: {load.nodes} nodes, "
        f"{load.relationships} relationships ({steps})"
    )


def _bulk_folders(paths: tuple[Path, ...]) -> list[Path]:
    """The dataset folders, a synthetic tree (its manifest.json) expanded to its datasets in import order."""
    from seed.synthetic import dataset_folders

    folders: list[Path] = []
    for path in paths:
        if (path / "manifest.json").is_file():
            folders += [folder for folder, _entry in dataset_folders(path)]
        else:
            folders.append(path)
    return folders


@main.command("bench")
@click.option(
    "--scale",
    type=click.Choice(["tiny", "kabupaten", "provinsi", "nasional", "negara"]),
    default="kabupaten",
    show_default=True,
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(["import", "load", "queries", "search", "reimport", "service", "views", "peers", "people"]),
    help="Run only these parts (repeatable).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the results as JSON here.")
def bench_command(scale: str, only: tuple[str, ...], out: Path | None) -> None:
    """Benchmarks against a throw-away local Neo4j (see BENCHMARKS.md; `make bench` runs them all)."""
    from bench.run import run

    run(scale, list(only) or None, out)


@main.command("queries")
@click.option("--markdown", is_flag=True, help="Print the full reference (docs/queries.md) instead.")
def queries_command(markdown: bool) -> None:
    """List the named queries: name, summary and parameters."""
    if markdown:
        click.echo(reference_markdown(_catalog()), nl=False)
        return
    for query in _catalog():
        params = ", ".join(f"{p.name}: {p.type}{'?' if p.optional else ''}" for p in query.params) or "-"
        click.echo(f"{query.name}  ({params})\n    {query.summary}")


@main.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def query_command(name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run one named query, e.g. `pokin query orphaned_staff -p unit=DINKES --format csv`."""
    catalog = _catalog()
    if name not in catalog:
        raise click.ClickException(f"no query named '{name}'; `pokin queries` lists them")
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.ClickException(f"--param needs KEY=VALUE, not '{item}'")
        given[key.strip()] = value
    runner = Runner.from_settings()
    try:
        rows = catalog.run(runner, name, given)
    except ParameterError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        runner.close()
    click.echo(_render(rows, fmt), nl=fmt != "csv")


@main.command("audit")
@click.option(
    "--year",
    type=int,
    help="Budget/indicator year (default: indicators of the latest reported year, "
    "activities of the latest budget year).",
)
@click.option("--unit", help="Only this unit and the units below it.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write an .xlsx report.")
def audit_command(year: int | None, unit: str | None, fmt: str, out: Path | None) -> None:
    """Run every audit finding and print a summary with counts (and the full report with --out)."""
    from graph.audit import run_audit, summary_rows
    from graph.export import to_xlsx

    catalog = _catalog()
    runner = Runner.from_settings()
    try:
        results = run_audit(runner, catalog, year=year, unit=unit)
    finally:
        runner.close()
    summary = summary_rows(catalog, results)
    if fmt == "json":
        click.echo(to_json(summary, findings=results))
    else:
        click.echo(_render(summary, fmt), nl=fmt != "csv")
    if out is not None:
        sheets = {"ringkasan": (summary, None)}
        sheets.update({name: (rows, None) for name, rows in results.items()})
        out.write_bytes(to_xlsx(sheets))
        click.echo(f"report written to {out}", err=True)


@main.group("people")
def people_group() -> None:
    """People at risk (docs/domain.md, "People at risk"): single points of failure, retirements, a mutasi."""


@people_group.command("spof")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def people_spof(fmt: str) -> None:
    """Outcome goals and IKU whose every path of work from the staff passes through one ASN."""
    from graph.people import single_points_of_failure

    runner = Runner.from_settings()
    try:
        rows = single_points_of_failure(runner, _catalog())
    finally:
        runner.close()
    click.echo(_render(rows, fmt), nl=fmt != "csv")


@people_group.command("retirements")
@click.option("--year", type=click.IntRange(1, 9999), required=True, help="The year the BUP is reached in.")
@click.option("--bup", type=click.IntRange(40, 80), help="Batas usia pensiun for everyone else (default 58).")
@click.option("--bup-jpt", type=click.IntRange(40, 80), help="For a pejabat pimpinan tinggi (default 60).")
@click.option("--bup-madya", type=click.IntRange(40, 80), help="For a fungsional ahli madya (default 60).")
@click.option("--bup-utama", type=click.IntRange(40, 80), help="For a fungsional ahli utama (default 65).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def people_retirements(
    year: int, bup: int | None, bup_jpt: int | None, bup_madya: int | None, bup_utama: int | None, fmt: str
) -> None:
    """Who reaches the batas usia pensiun in the year, and which outcomes then lose their only contributor."""
    from graph.people import retirements

    ages = {
        name: value
        for name, value in (("bup", bup), ("bup_jpt", bup_jpt), ("bup_madya", bup_madya), ("bup_utama", bup_utama))
        if value is not None
    }
    runner = Runner.from_settings()
    try:
        rows = retirements(runner, _catalog(), year, ages)
    finally:
        runner.close()
    click.echo(_render(rows, fmt), nl=fmt != "csv")


@people_group.command("move")
@click.argument("nip")
@click.option("--to", "to", help="Id of the unit the person would move to.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def people_move(nip: str, to: str | None, fmt: str) -> None:
    """The mutasi of one ASN before it happens: what hangs on them, whose intervensi breaks, what --to gains."""
    from graph.people import MoveError, what_if_move

    runner = Runner.from_settings()
    try:
        rows = what_if_move(runner, _catalog(), nip, to)
    except MoveError as error:
        raise click.ClickException(str(error)) from error
    finally:
        runner.close()
    click.echo(_render(rows, fmt), nl=fmt != "csv")


def _render(rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows)
    return to_table(rows)


@main.command("diff")
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1, 5000), default=50, show_default=True, help="Rows shown per section.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead (xlsx: required).")
def diff_command(a: str, b: str, fmt: str, limit: int, out: Path | None) -> None:
    """What changed from version A to version B (dataset keys, e.g. `sukamaju@2025 sukamaju@2026`): elements,
    contributions, targets, pagu, staff, and the pagu and staff that lost or gained their path to an outcome."""
    from graph.diff import diff, diff_workbook
    from graph.diff_read import UnknownVersion

    if fmt == "xlsx" and out is None:
        raise click.ClickException("--format xlsx writes a workbook: give --out FILE.xlsx")
    runner = Runner.from_settings()
    try:
        data = diff(runner, a, b).as_dict(limit)
    except UnknownVersion as error:
        raise click.ClickException(str(error)) from None
    finally:
        runner.close()
    if fmt == "xlsx":
        assert out is not None
        out.write_bytes(diff_workbook(data))
        click.echo(f"diff {a} -> {b} written to {out}", err=True)
        return
    text = to_json([], **data) if fmt == "json" else _diff_table(data)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"diff {a} -> {b} written to {out}", err=True)
    else:
        click.echo(text)


def _diff_table(data: dict) -> str:
    """The summary, then each section that has rows (at most the limit, with how many there are in all)."""
    from graph.diff import SECTIONS

    summary = [{"ukuran": key, "nilai": value} for key, value in data["summary"].items()]
    parts = [f"Perubahan {data['a']} -> {data['b']}", to_table(summary)]
    for section in SECTIONS:
        rows = data["sections"][section.key]
        if rows:
            count = data["counts"][section.key]
            shown = f" ({len(rows)} of {count} shown)" if len(rows) < count else ""
            parts += [f"\n{section.title}{shown}", to_table(rows, [key for key, _ in section.columns])]
    return "\n".join(parts)


@main.command("doc")
@click.argument("kind", type=click.Choice(["pk", "iku", "cascading", "lkjip", "triwulan"]))
@click.option("--unit", help="Unit id (default: the Pemda; for cascading, the whole Pemda).")
@click.option("--year", type=int, help="Year (default: the latest budget year; for lkjip the latest reported).")
@click.option("--paper", type=click.Choice(["a4", "f4"]), default="a4", show_default=True, help="Paper size.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write here: .xlsx (formatted workbook) or .html (page ready to print).",
)
def doc_command(kind: str, unit: str | None, year: int | None, paper: str, out: Path) -> None:
    """Write a document planners and auditors deliver: pk (Perjanjian Kinerja), iku, cascading (matriks),
    lkjip (capaian tables), triwulan (rencana aksi per quarter).
    Names and NIP are shown unmasked: the command is for the local operator."""
    from graph.documents import DocumentNotFound, build, default_year, to_xlsx

    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".html", ".htm"):
        raise click.ClickException(f"--out must end in .xlsx or .html, not '{out.name}'")
    runner = Runner.from_settings()
    try:
        year = year if year is not None else default_year(kind, runner)
        if year is None:
            raise click.ClickException("the graph holds no figures nor activities with a year; give --year")
        document = build(kind, runner, _catalog(), year=year, unit=unit)
    except DocumentNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        runner.close()
    if suffix == ".xlsx":
        out.write_bytes(to_xlsx(document, paper))
    else:
        from service.pages.documents import document_html

        out.write_text(document_html(document, paper=paper), encoding="utf-8")
    click.echo(f"{document.title} ({document.meta.get('unit_name')}) written to {out}", err=True)


@main.command("view")
@click.argument("kind", type=click.Choice(["pohon", "opd", "staff", "impact"]))
@click.argument("key", required=False)
@click.option("--year", type=int, help="Year of activities and achievement.")
@click.option(
    "--warna",
    type=click.Choice(["level", "capaian"]),
    default="level",
    show_default=True,
    help="Colour by level or by achievement band.",
)
@click.option("--audit", is_flag=True, help="Highlight audit findings in the tree.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The standalone, offline HTML file to write.",
)
def view_command(kind: str, key: str | None, year: int | None, warna: str, audit: bool, out: Path) -> None:
    """Write a network view as one offline HTML file: pohon, opd UNIT, staff NIP or impact ID."""
    from visual.views import ViewNotFound, impact_view, staff_view, tree_view, write_standalone

    if kind != "pohon" and not key:
        raise click.ClickException(
            f"'pokin view {kind}' needs a {'unit id' if kind == 'opd' else 'NIP' if kind == 'staff' else 'element id'}"
        )
    color = {"level": "level", "capaian": "achievement"}[warna]
    runner = Runner.from_settings()
    try:
        if kind in ("pohon", "opd"):
            view = tree_view(runner, key if kind == "opd" else None, year, color, audit=audit)
        elif kind == "staff" and key:
            view = staff_view(runner, key, color_by=color, year=year)
        elif key:
            view = impact_view(runner, key, color_by=color, year=year)
        write_standalone(view, out)
    except ViewNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        runner.close()
    click.echo(f"view written to {out}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Run the query service with waitress (a production WSGI server)."""
    import signal

    from waitress import serve

    from service import create_app

    # SIGTERM (a service manager's stop) ends the process through SystemExit, so exit handlers run (the
    # temporary folders of uploads being imported are removed: service/http/uploads.py)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _bring_schema_up_to_date()
    try:
        app = create_app()
    except CatalogError as error:  # an incomplete or malformed catalog: the service does not start
        raise click.ClickException(str(error)) from None
    click.echo(f"pokin service on http://{host}:{port}")
    serve(app, host=host, port=port, threads=8)


def _apply_schema() -> str | None:
    """Create the constraints and indexes of the model (graph/model.py) the database lacks (idempotent: IF NOT
    EXISTS); what went wrong, or None."""
    from graph.model import apply_schema

    runner = Runner.from_settings()
    try:
        apply_schema(runner)
    except (DriverError, Neo4jError) as exc:
        return _failure(exc)
    finally:
        runner.close()
    return None


def _bring_schema_up_to_date() -> None:
    """A graph imported by an older pokin lacks what later versions declare (the search's full-text index): the
    service applies the model's schema as it starts, so an upgrade needs no import. A server it cannot change
    (down, or a user without the schema privilege) only gets a warning: the service starts anyway and reports
    Neo4j's state itself."""
    failure = _apply_schema()
    if failure is not None:
        click.echo(f"warning: the schema could not be brought up to date ({failure}); `pokin schema` does it", err=True)


@main.command("schema")
def schema_command() -> None:
    """Create the constraints and indexes of the model (graph/model.py) that the database lacks; `pokin import`
    and `pokin serve` do the same, so this is for a graph written by an older pokin that is only read."""
    from graph.model import schema_names

    failure = _apply_schema()
    if failure is not None:
        raise click.ClickException(f"the schema could not be applied: {failure}")
    click.echo(f"schema up to date: {len(schema_names())} constraints and indexes")


def _failure(exc: BaseException) -> str:
    reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {reason}"


def interrupted_import_message(exc: Exception) -> str:
    """What to tell a planner whose import failed in Neo4j before its commit: the transaction is gone, so is
    the import. (A commit that lost its answer is settled by the importer: not_written_message and
    outcome_unknown_message say how it ended.)"""
    if isinstance(exc, IncompleteCommit):
        return (
            f"Neo4j failed while committing ({_failure(exc)}): whether that commit happened is unknown. "
            "`pokin imports` shows the imports recorded once Neo4j answers (pokin neo4j status)."
        )
    return (
        f"Neo4j failed during the import ({_failure(exc)}). The import runs as one "
        "transaction, which was rolled back: nothing of it was written. Run the same import again "
        "once Neo4j answers (pokin neo4j status)."
    )


def _echo_warnings(warnings: list, prefix: str = "") -> None:
    """Warnings go to stderr, one a line, before the import's summary; they never stop it."""
    for warning in warnings:
        click.echo(f"{prefix}warning: {warning}", err=True)


def not_written_message(exc: ImportNotWritten) -> str:
    """A lost commit, settled as not committed."""
    return (
        f"Neo4j failed while committing the import of dataset {exc.record.dataset} ({_failure(exc.cause)}). "
        f"Once it answered again, its import log showed that this import ({exc.record.id}) did not commit: "
        "nothing of it was written. Run the same import again."
    )


def outcome_unknown_message(exc: ImportOutcomeUnknown, path: Path | None) -> str:
    """A lost commit that could not be settled: never 'nothing was written', but how to find out."""
    record = exc.record
    folder = f" {path}" if path is not None else ""
    return (
        f"Neo4j failed while committing the import of dataset {record.dataset} ({_failure(exc.cause)}) and "
        f"did not answer again within {exc.waited:g} s, so whether the import was written is UNKNOWN: "
        "it committed whole or not at all. Once Neo4j answers (pokin neo4j start; pokin neo4j status), "
        f"`pokin imports --dataset {record.dataset}` lists import {record.id} if it committed, and "
        f"`pokin import --dry-run{folder}` says whether the dataset's last import was of these files. "
        "Importing the same files again is safe either way."
    )


class OutcomeUnknownExit(click.ClickException):
    """Exit code 3: not a refusal (1), the outcome of the write is not known."""

    exit_code = 3


class _OutcomeWaitLine:
    """The progress line while pokin waits for Neo4j to settle a lost commit: one line, then one every 10 s."""

    def __init__(self) -> None:
        self.shown_at: float | None = None

    def __call__(self, waited: float, wait: float) -> None:
        if self.shown_at is None:
            click.echo(
                "Neo4j stopped answering while it committed the import; waiting for it to answer again "
                f"(at most {wait:g} s; start it with `pokin neo4j start` if it stopped) to learn whether "
                "the import was written.",
                err=True,
            )
            self.shown_at = waited
        elif waited - self.shown_at >= 10:
            click.echo(f"  still waiting for Neo4j: {waited:.0f} s of {wait:g} s", err=True)
            self.shown_at = waited


def _dry_run_lines(report: ImportReport) -> list[str]:
    """What a dry run says of the dataset's last recorded import: whether it was of these very files."""
    previous, record = report.previous, report.record
    if previous is None or record is None:
        return [f"no import of dataset {report.dataset} is recorded in the import log"]
    where = f"{previous['at']}, import {previous['id']}, from {previous['source']}"
    if report.same_files_as_previous():
        return [
            f"the last import of dataset {report.dataset} ({where}) was of these same files "
            f"(digest {record.digest[:16]}): the dataset is as they say, unless written since by other means"
        ]
    return [
        f"the last import of dataset {report.dataset} ({where}) was of other files "
        f"(digest {(previous['digest'] or '')[:16]}; these: {record.digest[:16]})"
    ]


def _import(
    path: Path,
    dataset: str | None,
    dry_run: bool,
    matriks=None,
    outcome_wait: float = OUTCOME_WAIT_SECONDS,
    version=None,
) -> None:
    from tqdm import tqdm

    runner = Runner.from_settings()
    bar: tqdm | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="batch", desc="writing", disable=None if total >= 20 else True)
        bar.update(done - bar.n)

    try:
        report = import_path(
            path,
            runner,
            dataset=dataset,
            dry_run=dry_run,
            progress=progress,
            matriks=matriks,
            outcome_wait=outcome_wait,
            on_outcome_wait=_OutcomeWaitLine(),
            version=version,
        )
    except ImportRejected as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        if exc.not_shown:
            click.echo(exc.not_shown_line(), err=True)
        raise click.ClickException(f"{exc.total} problem(s); nothing was written") from None
    except ImportNotWritten as exc:
        raise click.ClickException(not_written_message(exc)) from None
    except ImportOutcomeUnknown as exc:
        raise OutcomeUnknownExit(outcome_unknown_message(exc, path)) from None
    except (DriverError, Neo4jError) as exc:
        raise click.ClickException(interrupted_import_message(exc)) from None
    finally:
        if bar is not None:
            bar.close()
        runner.close()
    _echo_import_report(report)


def _echo_import_report(report: ImportReport) -> None:
    """What the import did, after the runner is closed: a dry run lists what it would write; a real one says
    what changed and where the import log records it, so the operator can find or undo it later."""
    _echo_warnings(report.warnings)
    counts = ", ".join(f"{name}={count}" for name, count in sorted(report.counts.items()))
    if report.written is None:
        click.echo(f"valid: dataset {report.dataset}: {counts} (dry run, nothing written)")
        for line in _dry_run_lines(report):
            click.echo(line)
        return
    written = report.written
    if report.settled and report.record is not None:
        click.echo(
            f"Neo4j lost the connection while committing; once it answered again, its import log showed "
            f"that this import ({report.record.id}) committed whole.",
            err=True,
        )
    click.echo(f"imported dataset {report.dataset}: {counts}")
    click.echo(
        f"changes: +{written.nodes_created} nodes, -{written.nodes_deleted} nodes, "
        f"+{written.relationships_created} relationships, -{written.relationships_deleted} relationships"
    )
    if written.changed() and report.record is not None:
        click.echo(f"recorded in the import log as {report.record.id} (pokin imports)")


for _command in versions_cli.COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
