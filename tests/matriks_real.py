"""Workbooks built at test time from the real data in ../shared/real/ (never copied into the repository).

`sumedang_workbook` turns the Sumedang Renstra tables (LibreOffice Calc's HTML export) back into the spreadsheet
they came from: numbers where the export kept the cell's value (`sdval`) with its number format (`sdnum`), text
elsewhere, the header rows and merged cells as the `rowspan`/`colspan` say. The export's body rowspans are wrong in
places (README of the data): a body row's cells are placed right-aligned, as the table means them, and a merge
stops where a later row writes into its column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from openpyxl import Workbook

# ../shared/real beside the repository (CI clones it so); a worktree one level deeper finds it further up
REAL = next(
    (
        folder / "shared" / "real"
        for folder in Path(__file__).resolve().parents[2:]
        if (folder / "shared" / "real").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "real",
)
SUMEDANG = REAL / "raw" / "sumedang"


@dataclass
class HtmlCell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    sdval: str | None = None
    sdnum: str | None = None


@dataclass
class HtmlRow:
    head: bool
    cells: list[HtmlCell] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HtmlRow] = []
        self.cell: HtmlCell | None = None
        self.head = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "thead":
            self.head = True
        elif tag == "tbody":
            self.head = False
        elif tag == "tr":
            self.rows.append(HtmlRow(self.head))
        elif tag in ("td", "th"):
            self.cell = HtmlCell(
                rowspan=int(values.get("rowspan") or 1),
                colspan=int(values.get("colspan") or 1),
                sdval=values.get("sdval"),
                sdnum=values.get("sdnum"),
            )
            self.rows[-1].cells.append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data


def read_table(path: Path) -> list[HtmlRow]:
    parser = _TableParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def _value(cell: HtmlCell):
    text = " ".join(cell.text.split())
    if cell.sdval is not None:
        try:
            number = float(cell.sdval)
        except ValueError:
            return text, None
        parts = (cell.sdnum or "").split(";")
        fmt = parts[2] if len(parts) > 2 and parts[2] else "General"
        return (int(number) if number.is_integer() else number), fmt
    return (text or None), None


def place(rows: list[HtmlRow]) -> tuple[int, list[tuple[int, int, int, int, HtmlCell]]]:
    """(width, [(row, col, rowspan, colspan, cell)]) 1-based, as the table means the cells."""
    width = max(sum(cell.colspan for cell in row.cells) for row in rows)
    occupied: dict[tuple[int, int], int] = {}  # (row, col) -> index in placed, for the body's merges
    placed: list[list] = []
    for number, row in enumerate(rows, start=1):
        if row.head:  # the header as a browser lays it out
            col = 1
            for cell in row.cells:
                while (number, col) in occupied:
                    col += 1
                placed.append([number, col, cell.rowspan, cell.colspan, cell])
                for r in range(number, number + cell.rowspan):
                    for c in range(col, col + cell.colspan):
                        occupied[(r, c)] = len(placed) - 1
                col += cell.colspan
            continue
        col = width - sum(cell.colspan for cell in row.cells) + 1  # right-aligned
        for cell in row.cells:
            for c in range(col, col + cell.colspan):
                above = occupied.get((number, c))
                if above is not None and placed[above][0] < number:  # a merge from above stops here
                    placed[above][2] = min(placed[above][2], number - placed[above][0])
            placed.append([number, col, cell.rowspan, cell.colspan, cell])
            for r in range(number, number + cell.rowspan):
                for c in range(col, col + cell.colspan):
                    occupied[(r, c)] = len(placed) - 1
            col += cell.colspan
    last = len(rows)
    return width, [(r, c, min(rs, last - r + 1), cs, cell) for r, c, rs, cs, cell in placed]


def add_sheet(book: Workbook, title: str, html: Path, titles: list[str] = ()) -> None:
    """One sheet from one HTML table, `titles` written in the rows above it."""
    sheet = book.create_sheet(title)
    for number, text in enumerate(titles, start=1):
        sheet.cell(number, 1, text)
    offset = len(titles) + (1 if titles else 0)
    _, cells = place(read_table(html))
    for row, col, _rowspan, _colspan, cell in cells:
        value, fmt = _value(cell)
        target = sheet.cell(row + offset, col)
        target.value = value
        if fmt:
            target.number_format = fmt
    for row, col, rowspan, colspan, _cell in cells:  # merged once every value is written
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(
                start_row=row + offset,
                start_column=col,
                end_row=row + offset + rowspan - 1,
                end_column=col + colspan - 1,
            )


def sumedang_workbook(path: Path, *, with_titles: bool = True) -> Path:
    """The three OPD tables as one workbook, one sheet per OPD (16: no title rows, the years relative to the
    period; 23 and 24 under title rows as a Renstra document has them)."""
    book = Workbook()
    book.remove(book.active)
    add_sheet(book, "Diskominfosanditik", SUMEDANG / "renstra_laporan_16.html")
    add_sheet(
        book,
        "Bappelitbangda",
        SUMEDANG / "renstra_laporan_23.html",
        ["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN", "RENSTRA PERANGKAT DAERAH TAHUN 2019-2023"] if with_titles else [],
    )
    add_sheet(
        book,
        "BKPSDM",
        SUMEDANG / "renstra_laporan_24.html",
        [
            "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN",
            "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN SUMEDANG",
        ]
        if with_titles
        else [],
    )
    book.save(path)
    return path
