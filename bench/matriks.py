"""A kabupaten-sized matriks Renstra workbook imported end to end: 40 OPD sheets, 1,000 sub kegiatan, five years.

    .venv/bin/python -m bench.matriks [--sheets 40] [--subs 25] [--rounds 3] [--out bench/results/matriks.json]

The workbook is synthetic (seeded) and laid out as Pemda keep it: title rows, a header of three merged rows
(Kode over five cells, each year's Target and Rp under its year), Tujuan and Sasaran merged down over their
programs, a second indicator row under every program, Rp on every level (the program's the sum of its kegiatan).
Timed, on a throw-away Neo4j (bench.run.start_server): reading the sheets alone (`--explain`'s work), then
`import_path` (read, check, write in one transaction) into an empty database, then the same import again
(nothing to change). Each round starts from an empty database. Each import is also split into its steps (see
`Steps`): reading and checking the files, reading what the database holds of the dataset, planning, the write
statements, and the commit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from graph.db import Runner
from graph.importer import ImportReport, MatriksOptions, explain_path, import_path, writer
from graph.model import apply_schema

YEARS = (2025, 2026, 2027, 2028, 2029)
HEADER_COLUMNS = 3 + 5 + 1 + 1 + 1 + 2 * len(YEARS) + 2 + 2


def build_workbook(path: Path, sheets: int, subs_per_sheet: int, seed: int = 1) -> dict[str, int]:
    """The workbook and what it holds (sheets, programs, kegiatan, sub kegiatan)."""
    rng = random.Random(seed)
    book = Workbook()
    book.remove(book.active)
    counts = {"sheets": sheets, "programs": 0, "kegiatan": 0, "subkegiatan": 0}
    for number in range(1, sheets + 1):
        sheet = book.create_sheet(f"OPD{number:02d}")
        sheet.append(["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN"])
        sheet.append([f"DINAS NOMOR {number} KABUPATEN CONTOH"])
        sheet.append([f"RENSTRA PERANGKAT DAERAH TAHUN {YEARS[0]}-{YEARS[-1]}"])
        _header(sheet, 5)
        row = 8
        bidang = f"{number % 30 + 1:02d}"
        programs = 3
        kegiatan_per_program = 3
        subs = [subs_per_sheet // (programs * kegiatan_per_program)] * (programs * kegiatan_per_program)
        for extra in range(subs_per_sheet - sum(subs)):
            subs[extra] += 1
        for program in range(1, programs + 1):
            start = row
            program_code = f"{(number % 3) + 1}.{bidang}.{program:02d}"
            program_row = row
            sheet.cell(row, 1, f"Tujuan {program} OPD {number}")
            sheet.cell(row, 2, f"Sasaran {program} OPD {number}")
            sheet.cell(row, 3, f"Indeks kinerja sasaran {program}")
            _code(sheet, row, program_code.split("."))
            sheet.cell(row, 9, f"PROGRAM NOMOR {program} OPD {number}")
            sheet.cell(row, 10, f"Persentase capaian program {program}")
            sheet.cell(row, 11, "70%")
            row += 1
            sheet.cell(row, 10, f"Indeks kepuasan program {program}")
            for year_index in range(len(YEARS)):
                sheet.cell(row, 12 + 2 * year_index, f"{3 + year_index * 0.1:.2f}")
            row += 1
            program_rp = [0] * len(YEARS)
            for kegiatan in range(1, kegiatan_per_program + 1):
                kegiatan_row = row
                sheet.cell(row, 9, f"Kegiatan {kegiatan} program {program} OPD {number}")
                sheet.cell(row, 10, f"Jumlah dokumen kegiatan {kegiatan}")
                _code(sheet, row, [*program_code.split("."), f"2.{kegiatan:02d}"])
                row += 1
                kegiatan_rp = [0] * len(YEARS)
                for sub in range(1, subs[(program - 1) * kegiatan_per_program + kegiatan - 1] + 1):
                    _code(sheet, row, [*program_code.split("."), f"2.{kegiatan:02d}", f"{sub:04d}"])
                    sheet.cell(row, 9, f"Sub kegiatan {sub} kegiatan {kegiatan} program {program} OPD {number}")
                    sheet.cell(row, 10, f"Jumlah laporan sub kegiatan {sub}")
                    sheet.cell(row, 11, "n/a")
                    for year_index in range(len(YEARS)):
                        rp = rng.randrange(50, 900) * 1_000_000
                        kegiatan_rp[year_index] += rp
                        sheet.cell(row, 12 + 2 * year_index, f"{rng.randrange(1, 12)} Laporan")
                        sheet.cell(row, 13 + 2 * year_index, f"{rp:,}")
                    sheet.cell(row, 24, "Bidang Program")
                    counts["subkegiatan"] += 1
                    row += 1
                for year_index, rp in enumerate(kegiatan_rp):
                    sheet.cell(kegiatan_row, 12 + 2 * year_index, f"{rng.randrange(1, 5)} Dokumen")
                    sheet.cell(kegiatan_row, 13 + 2 * year_index, f"{rp:,}")
                    program_rp[year_index] += rp
                counts["kegiatan"] += 1
            for year_index, rp in enumerate(program_rp):
                sheet.cell(program_row, 12 + 2 * year_index, f"{75 + year_index}%")
                sheet.cell(program_row, 13 + 2 * year_index, f"{rp:,}")
            sheet.cell(program_row, 22, f"{80}%")
            sheet.cell(program_row, 23, f"{sum(program_rp):,}")
            sheet.cell(program_row, 24, f"Dinas Nomor {number}")
            for column in (1, 2, 3):
                sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
            counts["programs"] += 1
    book.save(path)
    return counts


def _header(sheet, top: int) -> None:
    cells = {
        (top, 1): "Tujuan",
        (top, 2): "Sasaran",
        (top, 3): "Indikator Sasaran",
        (top, 4): "Kode",
        (top, 9): "Program, Kegiatan dan Sub Kegiatan",
        (top, 10): "Indikator Program, Kegiatan, Sub Kegiatan",
        (top, 11): "Data Capaian pada Tahun Awal Perencanaan",
        (top, 12): "Target Kinerja Program dan Kerangka Pendanaan",
        (top + 1, 22): "Kondisi Kinerja pada Akhir Periode Renstra",
        (top, 24): "Unit Kerja Perangkat Daerah Penanggung Jawab",
        (top, 25): "Lokasi",
    }
    for index, year in enumerate(YEARS):
        cells[(top + 1, 12 + 2 * index)] = f"Tahun {year}"
        cells[(top + 2, 12 + 2 * index)] = "Target"
        cells[(top + 2, 13 + 2 * index)] = "Rp"
    cells[(top + 2, 22)], cells[(top + 2, 23)] = "Target", "Rp"
    for (row, column), text in cells.items():
        sheet.cell(row, column, text)
    for column in (1, 2, 3, 9, 10, 11, 24, 25):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 2, end_column=column)
    sheet.merge_cells(start_row=top, start_column=4, end_row=top + 2, end_column=8)
    sheet.merge_cells(start_row=top, start_column=12, end_row=top, end_column=23)
    for index in range(len(YEARS) + 1):
        sheet.merge_cells(start_row=top + 1, start_column=12 + 2 * index, end_row=top + 1, end_column=13 + 2 * index)


def _code(sheet, row: int, parts: list[str]) -> None:
    for offset, part in enumerate(parts):
        sheet.cell(row, 4 + offset, part)


class Steps:
    """Where one import's time goes, from the importer's own seams: writer.read_state and writer.plan are wrapped
    with a clock, the end of the last statement comes from import_path's progress callback, and the rest of the
    write transaction (after its last statement) is the commit and the import log's record."""

    NAMES = ("read and check the files", "read the dataset's state", "plan", "write statements", "commit")

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.started = 0.0
        self._originals = (writer.read_state, writer.plan)

    def __enter__(self) -> Steps:
        read_state, plan = self._originals

        def timed_read_state(*args, **kwargs):
            self.marks["read_state"] = time.perf_counter()
            result = read_state(*args, **kwargs)
            self.marks["planned_from"] = time.perf_counter()
            return result

        def timed_plan(*args, **kwargs):
            result = plan(*args, **kwargs)
            self.marks["planned"] = time.perf_counter()
            return result

        writer.read_state, writer.plan = timed_read_state, timed_plan
        return self

    def __exit__(self, *_exc) -> None:
        writer.read_state, writer.plan = self._originals

    def progress(self, _done: int, _total: int) -> None:
        self.marks["written"] = time.perf_counter()

    def split(self, ended: float) -> dict[str, float]:
        marks = self.marks
        planned = marks.get("planned", marks["planned_from"])  # an unchanged re-import may plan with no new plan
        written = marks.get("written", planned)  # nothing to write: no statement ran
        return dict(
            zip(
                self.NAMES,
                (
                    marks["read_state"] - self.started,
                    marks["planned_from"] - marks["read_state"],
                    planned - marks["planned_from"],
                    written - planned,
                    ended - written,
                ),
            )
        )


def timed_import(book: Path, runner: Runner, steps: dict[str, list[float]]) -> tuple[float, float, ImportReport]:
    """One import_path: its wall-clock and CPU seconds and its report; each step's seconds appended to `steps`."""
    with Steps() as clock:
        clock.started, cpu = time.perf_counter(), time.process_time()
        report = import_path(book, runner, progress=clock.progress)
        ended = time.perf_counter()
    for name, seconds in clock.split(ended).items():
        steps.setdefault(name, []).append(seconds)
    return ended - clock.started, time.process_time() - cpu, report


def main() -> None:
    from bench.run import machine, start_server

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sheets", type=int, default=40)
    parser.add_argument("--subs", type=int, default=25, help="sub kegiatan per sheet")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pokin-matriks-") as workdir:
        book = Path(workdir) / "renstra.xlsx"
        made = build_workbook(book, args.sheets, args.subs)
        print(f"workbook: {made}, {book.stat().st_size:,} bytes")
        started = time.perf_counter()
        _lines, _warnings, problems = explain_path(book, MatriksOptions())
        read_s = time.perf_counter() - started
        assert not problems, problems[:5]
        server, settings = start_server(Path(workdir))
        runner = Runner.from_settings(settings)
        seconds: dict[str, list[float]] = {
            "read (explain)": [read_s],
            "first import": [],
            "import again": [],
            "first import, CPU of this process": [],
        }
        steps: dict[str, dict[str, list[float]]] = {"first import": {}, "import again": {}}
        try:
            counts = _rounds(book, runner, args.rounds, seconds, steps)
        finally:
            runner.close()
            server.stop()
    print(f"graph: {counts}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    _print_table(seconds, steps)
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "workbook": made,
                    "graph": counts,
                    "seconds": seconds,
                    "steps": steps,
                    "machine": machine(),
                    "load_average": os.getloadavg(),
                    "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
                },
                indent=1,
            )
            + "\n"
        )


def _rounds(
    book: Path, runner: Runner, rounds: int, seconds: dict[str, list[float]], steps: dict[str, dict[str, list[float]]]
) -> dict[str, int]:
    """Import the workbook into an empty graph, then again over it, `rounds` times; the times go into `seconds`
    and `steps`, the graph's counts are returned. One untimed import first: the server's first transactions
    compile the statements. The second import must write no node: it proves the import is idempotent."""
    from bench.run import wipe

    counts: dict[str, int] = {}
    apply_schema(runner)
    import_path(book, runner)
    wipe(runner)
    for _ in range(rounds):
        wall, cpu, report = timed_import(book, runner, steps["first import"])
        seconds["first import"].append(wall)
        seconds["first import, CPU of this process"].append(cpu)
        counts = report.counts
        wall, _cpu, again = timed_import(book, runner, steps["import again"])
        seconds["import again"].append(wall)
        assert again.written is not None
        assert again.written.nodes_created == 0 and again.written.nodes_deleted == 0
        wipe(runner)
    return counts


def _print_table(seconds: dict[str, list[float]], steps: dict[str, dict[str, list[float]]]) -> None:
    """The Markdown table BENCHMARKS.md takes: every round's seconds and their median, per step."""
    print("| step | seconds, each round | median |\n|---|---|---|")
    for name, runs in seconds.items():
        print(f"| {name} | {', '.join(f'{s:.2f}' for s in runs)} | {statistics.median(runs):.2f} |")
    for which, split in steps.items():
        for name, runs in split.items():
            print(f"| {which}: {name} | {', '.join(f'{s:.2f}' for s in runs)} | {statistics.median(runs):.2f} |")


if __name__ == "__main__":
    main()
