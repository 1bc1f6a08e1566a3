"""CREDIT_SQL_TRACE: where a slow step's time goes, statement by statement."""

import json

import duckdb

from creditwh.platform.sql import execute


def test_each_statement_of_a_file_is_traced_with_its_place_and_time(tmp_path, monkeypatch):
    trace = tmp_path / "sql.jsonl"
    monkeypatch.setenv("CREDIT_SQL_TRACE", str(trace))
    con = duckdb.connect()
    con.execute("create schema ops")
    execute(con, "credit/change_consumers")  # two tables, each with its comment
    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert [(line["sql"], line["statement"]) for line in lines] == [
        ("credit/change_consumers", n) for n in (1, 2, 3, 4)
    ]
    assert all(line["seconds"] >= 0 for line in lines)


def test_no_trace_is_written_unless_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("CREDIT_SQL_TRACE", raising=False)
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    con.execute("create schema ops")
    execute(con, "credit/change_consumers")
    assert list(tmp_path.iterdir()) == []
