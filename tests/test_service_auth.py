"""Tokens, roles, anonymous reading per POKIN_ANONYMOUS_READ, and NIP masking for anonymous readers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from test_service_support import AS_EDITOR, AS_READER, NIP_JOKO, NIP_RINA, NIP_SITI, REMOTE, assert_error, make_app

from service import create_app
from service.config import ConfigError, normalise, parse_tokens, settings_from_env
from service.http.auth import role_for
from service.http.masking import mask, mask_nip

pytest_plugins = ("test_service_support",)  # the app, client and loaded fixtures

MASKED_SITI = "198503**********02"


def test_mask_keeps_the_first_six_and_last_two_digits():
    assert mask_nip(NIP_SITI) == MASKED_SITI
    masked = mask(
        {
            "nip": NIP_SITI,
            "supervisor_nip": "x",
            "staff": [NIP_RINA, "S1"],
            "count": 3,
            "note": f"NIP {NIP_JOKO} lapor",
            "path": [{"id": NIP_SITI}],
            "code": "1234567890123456789",
        }
    )
    assert masked == {
        "nip": MASKED_SITI,
        "supervisor_nip": "*",
        "staff": ["199105**********04", "S1"],
        "count": 3,
        "note": "NIP 199208**********05 lapor",
        "path": [{"id": MASKED_SITI}],
        "code": "1234567890123456789",
    }


def test_a_pages_column_headers_are_labels_not_nips():
    """`headers` maps a column to its label: its `nip` is the header `NIP`; an 18-digit run in a label still masks."""
    page = {"headers": {"nip": "NIP", "name": "Nama", "odd": f"kolom {NIP_SITI}"}, "rows": [{"nip": NIP_SITI}]}
    assert mask(page) == {
        "headers": {"nip": "NIP", "name": "Nama", "odd": f"kolom {MASKED_SITI}"},
        "rows": [{"nip": MASKED_SITI}],
    }


def test_the_asn_kind_is_masked_with_the_digits_that_tell_it():
    """An NI PPPK has `21` where a NIP has the month: digits the mask hides, so the kind goes with them."""
    person = {"nip": "199407172022212005", "asn_kind": "PPPK", "assigned": [{"nip": NIP_SITI, "asn_kind": "PNS"}]}
    assert mask(person) == {
        "nip": "199407**********05",
        "asn_kind": None,
        "assigned": [{"nip": MASKED_SITI, "asn_kind": None}],
    }


def test_anonymous_json_csv_and_xlsx_have_nips_masked(client, loaded):
    rows = client.get("/api/audit/orphaned-staff").get_json()["rows"]
    assert [row["nip"] for row in rows] == ["199105**********04", "199208**********05"]
    text = client.get("/api/audit/orphaned-staff.csv").get_data(as_text=True)
    assert NIP_RINA not in text and "199105**********04" in text
    sheet = load_workbook(io.BytesIO(client.get("/api/audit/orphaned-staff.xlsx").data)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "199105**********04",
        "199208**********05",
    ]
    sight = client.get(f"/api/staff/{NIP_SITI}/line-of-sight").get_json()["rows"]
    assert sight and all(row["nip"] == MASKED_SITI for row in sight)
    impact = client.get("/api/elements/SK-1/impact").get_json()["rows"]
    staff = [nip for row in impact for nip in row["staff"]]
    assert staff and all("*" * 10 in nip for nip in staff)
    goal = client.get("/api/goals/S-DINKES").get_json()["goal"]
    assert goal["assigned"][0]["nip"] == "197001**********01"
    missing = client.get("/api/staff/199999999999999999/line-of-sight").get_json()
    assert "199999999999999999" not in str(missing) and "199999**********99" in missing["error"]


def test_a_token_sees_full_nips_everywhere(client, loaded):
    for headers in (AS_READER, AS_EDITOR):
        rows = client.get("/api/audit/orphaned-staff", headers=headers).get_json()["rows"]
        assert [row["nip"] for row in rows] == [NIP_RINA, NIP_JOKO]
        assert NIP_RINA in client.get("/api/audit/orphaned-staff.csv", headers=headers).get_data(as_text=True)
        rows = list(
            csv.reader(
                io.StringIO(
                    client.get(f"/api/queries/line_of_sight.csv?nip={NIP_SITI}", headers=headers).get_data(as_text=True)
                )
            )
        )
        assert rows[1][0].lstrip("\ufeff") == NIP_SITI


def test_anonymous_reading_follows_the_setting(runner, loaded):
    loopback = make_app(runner).test_client()
    assert loopback.get("/api/audit/orphaned-staff").status_code == 200
    assert_error(loopback.get("/api/audit/orphaned-staff", environ_base=REMOTE), 401)
    assert loopback.get("/api/audit/orphaned-staff", environ_base=REMOTE, headers=AS_READER).status_code == 200
    assert loopback.get("/api/audit/orphaned-staff", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    closed = make_app(runner, ANONYMOUS_READ="false").test_client()
    response = closed.get("/api/audit/orphaned-staff")
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert closed.get("/api/health").status_code == 200  # probes and the API description stay open
    assert closed.get("/api/openapi.json").status_code == 200
    opened = make_app(runner, ANONYMOUS_READ="true").test_client()
    rows = opened.get("/api/audit/orphaned-staff", environ_base=REMOTE).get_json()["rows"]
    assert rows[0]["nip"] == "199105**********04"


def test_bad_tokens_are_401_and_never_echoed(client, loaded):
    for header in ("Bearer not-a-known-token", "Basic dXNlcjpwYXNz", "Bearer ", "Token reader-token-0001"):
        body = assert_error(client.get("/api/audit", headers={"Authorization": header}), 401)
        assert "not-a-known-token" not in str(body) and "reader-token-0001" not in str(body)


def test_roles_and_constant_time_lookup():
    tokens = {"reader-token-0001": "reader", "editor-token-0001": "editor"}
    assert role_for("reader-token-0001", tokens) == "reader"
    assert role_for("editor-token-0001", tokens) == "editor"
    assert role_for("reader-token-000", tokens) is None
    assert role_for("", tokens) is None


def test_settings_from_the_environment():
    env = {
        "POKIN_TOKENS": "abcdefgh1:reader, ijklmnop2:editor",
        "POKIN_ANONYMOUS_READ": "FALSE",
        "POKIN_MAX_UPLOAD_MB": "5",
        "POKIN_CYPHER_TIMEOUT": "2.5",
        "POKIN_CYPHER_MAX_ROWS": "100",
        "POKIN_PAGE_MAX": "50",
    }
    config = normalise(settings_from_env(env))
    assert config["TOKENS"] == {"abcdefgh1": "reader", "ijklmnop2": "editor"}
    assert (
        config["ANONYMOUS_READ"],
        config["MAX_UPLOAD_MB"],
        config["CYPHER_TIMEOUT"],
        config["CYPHER_MAX_ROWS"],
        config["PAGE_MAX"],
    ) == ("false", 5.0, 2.5, 100, 50)
    defaults = normalise(settings_from_env({}))
    assert (
        defaults["TOKENS"],
        defaults["ANONYMOUS_READ"],
        defaults["MAX_UPLOAD_MB"],
        defaults["CYPHER_TIMEOUT"],
        defaults["CYPHER_MAX_ROWS"],
        defaults["PAGE_MAX"],
    ) == ({}, "loopback", 20.0, 10.0, 5000, 1000)


def test_the_pages_settings_come_from_the_environment_with_the_others(monkeypatch, runner):
    """service/config.py reads the pages' settings too (before: service/pages/ read them itself)."""
    env = {
        "POKIN_PAGES_QUERY_TIMEOUT": "4",
        "POKIN_PAGES_CACHE_SECONDS": "7.5",
        "POKIN_CAPAIAN_SCALE": "permendagri86",
        "POKIN_CAPAIAN_CAP": "110",
        "POKIN_SECRET_KEY": "pseudonym-key",
    }
    config = normalise(settings_from_env(env))
    assert (config["PAGES_QUERY_TIMEOUT"], config["PAGES_CACHE_SECONDS"], config["PAGES_AUDIT_BUDGET"]) == (
        4.0,
        7.5,
        20.0,
    )
    assert (config["CAPAIAN_SCALE"], config["CAPAIAN_CAP"], config["SECRET_KEY"]) == (
        "permendagri86",
        110.0,
        "pseudonym-key",
    )
    defaults = normalise(settings_from_env({}))
    assert (defaults["CAPAIAN_SCALE"], defaults["CAPAIAN_CAP"], defaults["SECRET_KEY"]) == ("pemda", 120.0, None)
    with pytest.raises(ConfigError, match="POKIN_PAGES_FINDING_TIMEOUT"):
        normalise(settings_from_env({"POKIN_PAGES_FINDING_TIMEOUT": "lama"}))
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    app = create_app({"RUNNER": runner, "PAGES_CACHE_SECONDS": 1})  # the caller's config wins over the environment
    assert (app.config["PAGES_QUERY_TIMEOUT"], app.config["PAGES_CACHE_SECONDS"]) == (4.0, 1.0)
    assert app.config["CAPAIAN_SCALE"] == "permendagri86"
    other = create_app({"RUNNER": runner})  # two processes of one site: one pseudonym key from POKIN_SECRET_KEY
    assert app.extensions["pokin.pages.people"]["key"] == other.extensions["pokin.pages.people"]["key"]
    monkeypatch.setenv("POKIN_CAPAIAN_SCALE", "no-such-scale")
    with pytest.raises(ValueError, match="unknown capaian scale 'no-such-scale'"):
        create_app({"RUNNER": runner})


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("secret-token-1:admin", "entry 1 has role 'admin'"),
        ("secret-token-1", "entry 1 must be 'token:role'"),
        ("abc:reader", "shorter than 8"),
    ],
)
def test_malformed_tokens_fail_without_showing_the_token(value, fragment):
    with pytest.raises(ConfigError) as caught:
        parse_tokens(value)
    assert fragment in str(caught.value) and "secret-token-1" not in str(caught.value)


def test_the_app_reads_its_settings_from_the_environment(monkeypatch, runner):
    monkeypatch.setenv("POKIN_TOKENS", "environment-token:editor")
    monkeypatch.setenv("POKIN_MAX_UPLOAD_MB", "2")
    app = create_app({"RUNNER": runner})
    assert app.config["TOKENS"] == {"environment-token": "editor"}
    assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    client = app.test_client()
    assert (
        client.post(
            "/api/cypher", json={"query": "RETURN 1 AS x"}, headers={"Authorization": "Bearer environment-token"}
        ).status_code
        == 200
    )
    monkeypatch.setenv("POKIN_ANONYMOUS_READ", "sometimes")
    with pytest.raises(ConfigError):
        create_app({"RUNNER": runner})
