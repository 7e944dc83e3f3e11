"""Cell parsing: Indonesian numbers and NIPs (pure unit tests, no database)."""
import datetime as dt

import pytest

from graph.importer.values import CellError, parse_number, split_ids, validate_nip


@pytest.mark.parametrize("text, expected", [
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
])
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


@pytest.mark.parametrize("nip, fragment", [
    ("19850315201001100", "18 digits"),
    ("1985031520100110021", "18 digits"),
    ("19850315201001100A", "18 digits"),
    ("198513152010011002", "birth date"),
    ("198502302010011002", "birth date"),
    ("198503152010131002", "appointment"),
    ("198503151990011002", "appointment"),
    ("198503152010013002", "sex digit"),
])
def test_malformed_nip_is_refused_with_the_reason(nip, fragment):
    with pytest.raises(CellError, match=fragment):
        validate_nip(nip, today=dt.date(2026, 11, 23))


def test_nip_stored_as_a_number_is_refused():
    with pytest.raises(CellError, match="Text"):
        validate_nip(198503152010011002)


def test_id_lists_split_on_semicolons_and_drop_blanks_and_repeats():
    assert split_ids(" A; B;;A ;\nC ") == ["A", "B", "C"]
    assert split_ids(None) == []
