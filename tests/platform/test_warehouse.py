"""Opening the warehouse: a second writer fails at once with a clear error; other I/O errors stay themselves."""

import subprocess
import sys
import time

import duckdb
import pytest

from creditwh.platform.warehouse import WarehouseLockedError, connect, is_lock_conflict, open_connection

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"


def test_a_second_writer_is_told_the_warehouse_is_locked(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        with pytest.raises(WarehouseLockedError, match="被其他进程占用"):
            open_connection(path)
        assert time.monotonic() - start < 10  # no silent retry loop
    finally:
        holder.kill()
        holder.wait()


def test_a_corrupt_block_is_not_mistaken_for_a_lock():
    # DuckDB 1.5.5's message for a damaged file: "block" contains "lock", which once made it a lock error
    corrupt = duckdb.IOException(
        "IO Error: Corrupt database file: computed checksum 5381 does not match stored "
        "checksum 0 in block at location 2236624896"
    )
    assert not is_lock_conflict(corrupt)


def test_a_damaged_file_raises_its_own_error(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"not a database" * 1000)
    with pytest.raises(duckdb.Error) as raised:
        open_connection(path)
    assert not isinstance(raised.value, WarehouseLockedError)


def test_a_warehouse_built_before_the_ops_schema_gets_its_bookkeeping_moved_there(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        for schema in ("core", "marts", "staging"):
            old.execute(f"create schema {schema}")
        old.execute("create table core.applied_batches as select 'b1' as batch_id, 'core.credit_events' as consumer")
        old.execute("create table marts.subject_fingerprints as select 'S1' as subject_key")
        old.execute("create macro staging.ok_enum(value, allowed, other_prefix) as true")
    for _ in range(2):  # idempotent: the second open finds nothing to move
        with connect(path) as con:
            assert con.execute("select * from ops.applied_batches").fetchall() == [("b1", "core.credit_events")]
            assert con.execute("select count(*) from ops.subject_fingerprints").fetchone() == (1,)
            left = con.execute(
                "select schema_name || '.' || table_name from duckdb_tables() where table_name in "
                "('applied_batches', 'subject_fingerprints') and schema_name <> 'ops'"
            ).fetchall()
            assert left == []
            assert con.execute(
                "select count(*) from duckdb_functions() where schema_name = 'staging' and function_name = 'ok_enum'"
            ).fetchone() == (0,)


def test_a_warehouse_built_before_a_new_field_gets_the_field_and_keeps_its_rows(tmp_path):
    from creditwh.sample.builders import clean
    from tests.support.scenario import Scenario

    Scenario(tmp_path).deliver("2026-10-08", "procurement", clean("procurement")).run()
    with connect(tmp_path / "warehouse.duckdb") as con:  # as an older field table built it
        con.execute("alter table raw.procurement drop column cancel_reason")
        con.execute("alter table staging.procurement drop column cancel_reason")
    award = clean("procurement", project_code="GLCZ-2026-0132", cancelled_on="2026-10-20", cancel_reason="采购需求变更")
    scenario = Scenario(tmp_path).deliver("2026-10-21", "procurement", award).run()  # a later day's delivery
    rows = scenario.query("select project_code, cancel_reason from staging.procurement order by project_code")
    assert rows == [("GLCZ-2026-0131", None), ("GLCZ-2026-0132", "采购需求变更")]
