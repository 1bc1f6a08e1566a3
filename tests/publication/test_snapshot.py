"""The analysts' snapshot: readable while the pipeline writes, replaced atomically."""

import duckdb

from creditwh.platform.warehouse import connect
from creditwh.publication.snapshot import publish_snapshot


def test_an_open_snapshot_stays_readable_while_a_run_replaces_it(tmp_path):
    live, snapshot = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    with connect(live) as con:
        con.execute("create table marts.figures as select 1 as n")
        publish_snapshot(con, snapshot)
    analyst = duckdb.connect(str(snapshot), read_only=True)
    assert analyst.execute("select n from marts.figures").fetchall() == [(1,)]
    # the pipeline writes the live file and publishes again while the analyst is connected
    with connect(live) as con:
        con.execute("insert into marts.figures values (2)")
        publish_snapshot(con, snapshot)
    assert analyst.execute("select count(*) from marts.figures").fetchone() == (1,)  # still the old snapshot
    analyst.close()
    with duckdb.connect(str(snapshot), read_only=True) as again:
        assert again.execute("select count(*) from marts.figures").fetchone() == (2,)
    assert not (tmp_path / "analytics.duckdb.tmp").exists()


def test_the_snapshot_leaves_the_bookkeeping_out(tmp_path):
    live, snapshot = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    with connect(live) as con:
        con.execute("create table marts.figures as select 1 as n")
        con.execute("create table ops.applied_batches as select 'b1' as batch_id")
        publish_snapshot(con, snapshot)
        assert con.execute("select count(*) from ops.applied_batches").fetchone() == (1,)  # the live file keeps it
    with duckdb.connect(str(snapshot), read_only=True) as analyst:
        schemas = {r[0] for r in analyst.execute("select schema_name from duckdb_schemas()").fetchall()}
        assert "ops" not in schemas and "marts" in schemas
