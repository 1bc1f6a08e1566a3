"""CREDIT_SQL_TRACE: where a slow step's time goes, statement by statement."""

import json

import duckdb
import pytest

from creditwh.platform import config
from creditwh.platform.sql import execute, traced_step


def _lines(trace):
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]


def test_each_statement_of_a_file_is_traced_with_its_place_and_time(tmp_path, monkeypatch):
    trace = tmp_path / "sql.jsonl"
    monkeypatch.setenv("CREDIT_SQL_TRACE", str(trace))
    con = duckdb.connect()
    con.execute("create schema ops")
    execute(con, "credit/change_consumers")  # two tables, each with its comment
    lines = _lines(trace)
    assert [(line["sql"], line["statement"]) for line in lines] == [
        ("credit/change_consumers", n) for n in (1, 2, 3, 4)
    ]
    assert all(line["seconds"] >= 0 for line in lines)
    assert {line["step"] for line in lines} == {None}  # outside a pipeline step


def test_a_statement_names_the_step_it_ran_in(tmp_path, monkeypatch):
    trace = tmp_path / "sql.jsonl"
    monkeypatch.setenv("CREDIT_SQL_TRACE", str(trace))
    con = duckdb.connect()
    con.execute("create schema ops")
    with traced_step("marts__screenings"):
        execute(con, "credit/change_consumers")
    execute(con, "credit/change_consumers")
    assert [line["step"] for line in _lines(trace)] == ["marts__screenings"] * 4 + [None] * 4


@pytest.mark.parametrize("value", [None, "", "  "])
def test_the_trace_is_off_unless_a_file_is_named(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CREDIT_SQL_TRACE", raising=False)
    else:
        monkeypatch.setenv("CREDIT_SQL_TRACE", value)
    assert config.sql_trace() is None
