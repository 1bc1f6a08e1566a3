"""A traced statement run by an asset names the asset's step, so a shared SQL file is told apart by step."""

import json

import dagster as dg

from assets.resources import WarehouseResource
from creditwh.platform.sql import execute


@dg.asset
def some_step(warehouse: WarehouseResource) -> None:
    with warehouse.connect() as con:
        con.execute("create schema if not exists ops")
        execute(con, "credit/change_consumers")


def test_a_statement_run_by_an_asset_names_its_step(tmp_path, monkeypatch):
    trace = tmp_path / "sql.jsonl"
    monkeypatch.setenv("CREDIT_SQL_TRACE", str(trace))
    result = dg.materialize([some_step], resources={"warehouse": WarehouseResource(path=str(tmp_path / "w.duckdb"))})
    assert result.success
    steps = [json.loads(line)["step"] for line in trace.read_text(encoding="utf-8").splitlines()]
    assert steps and set(steps) == {"some_step"}
