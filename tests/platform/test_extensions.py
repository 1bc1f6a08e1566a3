"""DuckDB extensions come from their PyPI wheels: this machine, like a bureau's network, cannot download them."""

import duckdb

from creditwh.platform.extensions import load


def test_an_extension_duckdb_has_never_seen_is_installed_from_its_wheel_and_loaded(tmp_path):
    con = duckdb.connect(config={"extension_directory": str(tmp_path)})
    load(con, "excel")
    assert con.execute(
        "select installed, loaded from duckdb_extensions() where extension_name = 'excel'"
    ).fetchall() == [(True, True)]
    assert list(tmp_path.rglob("excel.duckdb_extension"))
