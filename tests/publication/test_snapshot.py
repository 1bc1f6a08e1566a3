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
