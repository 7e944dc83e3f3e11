"""Exports: formula-looking cells are neutralised in CSV and XLSX; lists become readable cells."""

import io

from openpyxl import load_workbook

from graph.export import neutralise, to_csv, to_json, to_table, to_xlsx

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_cells_a_spreadsheet_would_execute_get_a_leading_apostrophe():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("Dinas Kesehatan") == "Dinas Kesehatan"
    assert neutralise(-5) == -5 and neutralise(None) is None


def test_csv_neutralises_and_joins_lists():
    text = to_csv([{"name": value, "ids": ["A", "B"], "n": -1} for value in HOSTILE[:2]])
    lines = text.splitlines()
    assert lines[0] == "name,ids,n"
    assert lines[1].startswith("\"'=HYPERLINK(") and lines[1].endswith(",A; B,-1")
    assert lines[2] == "'+1+1,A; B,-1"


def test_xlsx_has_one_sheet_per_entry_and_no_formulas():
    hostile = HOSTILE[:5]  # (xlsx itself stores a carriage return as a newline)
    data = to_xlsx(
        {
            "ringkasan": ([{"finding": "x", "count": 2}], None),
            "detail": ([{"name": value} for value in hostile], ["name"]),
        }
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["ringkasan", "detail"]
    cells = [row[0] for row in book["detail"].iter_rows(min_row=2, values_only=True)]
    assert cells == ["'" + value for value in hostile]
    assert all(cell.data_type != "f" for row in book["detail"].iter_rows() for cell in row)
    assert book["ringkasan"]["B2"].value == 2


def test_json_and_table():
    assert to_json([{"a": 1}]) == '{\n  "rows": [\n    {\n      "a": 1\n    }\n  ]\n}'
    table = to_table([{"a": 1, "b": None}])
    assert table.splitlines()[0].split() == ["a", "b"] and table.endswith("(1 row)")
    assert to_table([]) == "(no rows)"


def test_header_cells_are_neutralised_like_values_in_csv_and_xlsx():
    columns = [*HOSTILE[:5], "name", "-"]
    rows = [dict.fromkeys(columns, -7)]
    header = to_csv(rows, columns).splitlines()[0]
    assert header.startswith("\"'=HYPERLINK(") and header.endswith(",name,'-")
    sheet = load_workbook(io.BytesIO(to_xlsx({"s": (rows, columns)})))["s"]
    assert [cell.value for cell in sheet[1]] == ["'" + value for value in HOSTILE[:5]] + ["name", "'-"]
    assert all(cell.data_type == "s" for cell in sheet[1])
    assert [cell.value for cell in sheet[2]] == [-7] * 7 and all(cell.data_type == "n" for cell in sheet[2])


def test_control_characters_do_not_break_a_workbook():
    sheet = load_workbook(io.BytesIO(to_xlsx({"s": ([{"a\x01": "b\x02c", "n": 1}], None)})))["s"]
    assert [cell.value for cell in sheet[1]] == ["a\ufffd", "n"]
    assert sheet["A2"].value == "b\ufffdc"
