"""Cell parsing: Indonesian numbers and NIPs (pure unit tests, no database)."""

import datetime as dt

import pytest

from graph.importer.values import CellError, asn_kind, parse_number, read_figure, same_unit, split_ids, validate_nip


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rp 1.250.000.000", 1_250_000_000),
        ("Rp1.250.000", 1_250_000),
        ("1.250.000,50", 1_250_000.5),
        ("1.250.000,00", 1_250_000),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("0.125", 0.125),
        ("0,125", 0.125),
        ("1,250,000.50", 1_250_000.5),
        ("75%", 75),
        (" 80 ", 80),
        ("-3,5", -3.5),
        ("IDR 2.000", 2000.0),
        (42, 42),
        (2.5, 2.5),
    ],
)
def test_reads_indonesian_and_plain_numbers(text, expected):
    assert parse_number(text, integral="Rp" in str(text) or "IDR" in str(text)) == expected


@pytest.mark.parametrize("text", ["1.250", "1,250", "abc", "1.2.3", "12,5,0", "1.250.000,5.0", "", "Rp", "(100)"])
def test_refuses_what_could_be_read_two_ways_or_not_at_all(text):
    with pytest.raises(CellError):
        parse_number(text)


def test_a_lone_dot_groups_thousands_only_in_whole_rupiah_fields():
    assert parse_number("1.250", integral=True) == 1250
    with pytest.raises(CellError, match="ambiguous"):
        parse_number("1.250")


def test_valid_nip_passes():
    assert validate_nip(" 198503152010011002 ") == "198503152010011002"


@pytest.mark.parametrize(
    "nip, fragment",
    [
        ("19850315201001100", "18 digits"),
        ("1985031520100110021", "18 digits"),
        ("19850315201001100A", "18 digits"),
        ("198513152010011002", "birth date"),
        ("198502302010011002", "birth date"),
        ("198503152010131002", "appointment"),
        ("198503151990011002", "appointment"),
        ("198503152010013002", "sex digit"),
    ],
)
def test_malformed_nip_is_refused_with_the_reason(nip, fragment):
    with pytest.raises(CellError, match=fragment):
        validate_nip(nip, today=dt.date(2026, 11, 23))


def test_nip_stored_as_a_number_is_refused():
    with pytest.raises(CellError, match="Text"):
        validate_nip(198503152010011002)


def test_id_lists_split_on_semicolons_and_drop_blanks_and_repeats():
    assert split_ids(" A; B;;A ;\nC ") == ["A", "B", "C"]
    assert split_ids(None) == []


@pytest.mark.parametrize(
    "text, number, unit",
    [
        ("25 OPD", 25, "OPD"),
        ("3 Laporan", 3, "Laporan"),
        ("42,50%", 42.5, "%"),
        ("42.50%", 42.5, "%"),
        ("100 %", 100, "%"),
        ("1.250.000,50 orang", 1_250_000.5, "orang"),
        ("12,5", 12.5, None),
        (80, 80, None),
    ],
)
def test_a_figure_with_a_unit_gives_the_number_and_the_unit(text, number, unit):
    figure = read_figure(text)
    assert (figure.number, figure.unit, figure.text, figure.blank) == (number, unit, None, False)


@pytest.mark.parametrize("text", ["A", "BB", "Baik", "Sangat Baik", "WTP"])
def test_a_qualitative_figure_is_kept_as_text_and_has_no_number(text):
    figure = read_figure(text)
    assert (figure.number, figure.text, figure.composite) == (None, text, False)


@pytest.mark.parametrize("text", ["n/a", "N/A", "-", "\u2013", "\u2014", "", "   ", None])
def test_no_value_is_never_a_zero(text):
    figure = read_figure(text)
    assert figure.blank and figure.number is None and figure.text is None


def test_text_holding_several_numbers_is_kept_as_text_marked_composite():
    figure = read_figure("1 Dokumen / 2900 orang")
    assert (figure.number, figure.text, figure.composite) == (None, "1 Dokumen / 2900 orang", True)


@pytest.mark.parametrize(
    "text, fragment",
    [("1.250", "ambiguous"), ("1.250 OPD", "ambiguous"), ("1.2.3", "not a number"), ("(100)", "not a number")],
)
def test_a_figure_that_could_be_two_numbers_or_none_is_refused(text, fragment):
    with pytest.raises(CellError, match=fragment):
        read_figure(text)


def test_percent_and_persen_are_the_same_satuan():
    assert same_unit("%", "Persen") and same_unit("Dokumen", " dokumen ") and not same_unit("%", "orang")


@pytest.mark.parametrize(
    "number, kind", [("198503152010011002", "PNS"), ("199002022023212004", "PPPK"), ("198001012022211001", "PPPK")]
)
def test_nip_and_ni_pppk_both_pass_and_tell_the_kind(number, kind):
    assert validate_nip(number, today=dt.date(2026, 11, 23)) == number
    assert asn_kind(number) == kind


@pytest.mark.parametrize(
    "number, fragment",
    [
        ("199002302023212004", "birth date"),  # 30 February
        ("199002022031212004", "appointment"),  # appointed in the future
        ("199002022000212004", "appointment"),  # before PPPK existed
        ("200502022015212004", "appointment"),  # appointed at ten
        ("199002022023213004", "sex digit"),
    ],
)
def test_malformed_ni_pppk_is_refused_with_the_reason(number, fragment):
    with pytest.raises(CellError, match=fragment):
        validate_nip(number, today=dt.date(2026, 11, 23))


# -- number style per column (number_style) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, style",
    [
        ("1.250.000", "id"),
        ("12,5", "id"),
        ("0,70", "id"),
        ("1.250.000,50", "id"),
        ("Rp 1.775.000.000", "id"),
        ("42,50%", "id"),
        ("1,775,000,000", "en"),
        ("0.70", "en"),
        ("42.50%", "en"),
        ("350,000,000.00", "en"),
        ("12.5 OPD", "en"),
        ("1,500", "ambiguous"),
        ("1.500", "ambiguous"),
        ("1,500 OPD", "ambiguous"),
        ("90", None),
        ("A", None),
        (42, None),
        ("1 Dokumen / 2900 orang", None),
        ("0,125", "id"),
    ],
)
def test_a_cell_shows_the_style_it_can_only_be_read_in(text, style):
    from graph.importer.number_style import style_of

    assert style_of(text) == style


def test_an_ambiguous_number_is_read_in_the_style_its_column_shows():
    assert parse_number("1,500", style="en") == 1500
    assert parse_number("1,500", style="id") == 1.5
    assert parse_number("1.500", style="id") == 1500
    assert parse_number("1.500", style="en") == 1.5
    assert read_figure("1,500 OPD", "en").number == 1500
    assert read_figure("2.500 orang", "id").number == 2500
    # a cell that can be read one way only is read so whatever its column shows
    assert parse_number("12,5", style="en") == 12.5 and parse_number("0.70", style="id") == 0.7


def test_without_a_style_an_ambiguous_number_is_refused_as_ambiguous():
    from graph.importer.values import AmbiguousNumber

    for raw in ("1,500", "1.500 OPD"):
        with pytest.raises(AmbiguousNumber):
            read_figure(raw)


def test_a_column_decides_only_when_its_cells_show_one_style():
    from graph.importer.number_style import column_styles

    rows = [(2, {"target": "12,5"}), (3, {"target": "1,500"}), (4, {"target": "90"}), (5, {"target": "1.250.000"})]
    style = column_styles(rows, ["target"])["target"]
    assert (style.decided, style.ambiguous) == ("id", 1)
    mixed = column_styles([*rows, (6, {"target": "0.70"})], ["target"])["target"]
    assert mixed.decided is None
    assert "row 2 '12,5' is Indonesian" in mixed.why_undecided() and "row 6 '0.70' is English" in mixed.why_undecided()
    only = column_styles([(2, {"target": "1,500"}), (3, {"target": "2,750"})], ["target"])["target"]
    assert only.decided is None and only.ambiguous == 2 and "no other cell" in only.why_undecided()


@pytest.mark.parametrize(
    "raw, text",
    [
        (
            "<p>Mewujudkan kualitas Sumber Daya Manusia yang berdaya saing</p>\r\n",
            "Mewujudkan kualitas Sumber Daya Manusia yang berdaya saing",
        ),
        ("<ol>\r\n\t<li>Satu,</li>\r\n\t<li>dua</li>\r\n</ol>", "Satu, dua"),
        ('<p style="text-align:justify">Dinas&nbsp;Pemuda &amp; Olahraga</p>', "Dinas Pemuda & Olahraga"),
        ("IPM < 70 dan > 60", "IPM < 70 dan > 60"),  # not markup: kept as written
        ("Pemuda & Olahraga", "Pemuda & Olahraga"),
        (42, 42),
    ],
)
def test_rich_text_markup_is_taken_out_of_statements(raw, text):
    from graph.importer.values import plain_text

    assert plain_text(raw) == text
