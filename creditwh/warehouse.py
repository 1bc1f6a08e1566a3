"""The one way to open the warehouse: read-write for the single writer, read-only for readers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from creditwh.config import duckdb_memory_limit
from creditwh.sources import SOURCES
from creditwh.sql import sql

LAYER_SCHEMAS = ("raw", "staging", "quality", "core", "marts", "publish")


class WarehouseLockedError(RuntimeError):
    """Another process holds the DuckDB write lock."""


def open_connection(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        # Fail at once: a silent retry loop would only hide a second writer (see the pool in dagster.yaml).
        if "lock" in str(exc).lower():
            raise WarehouseLockedError(
                f"数据仓库文件被其他进程占用 / the warehouse {path} is locked by another process. "
                "Writers are serialised by the Dagster pool 'duckdb_writer'; readers should use the analyst snapshot. "
                f"DuckDB said: {exc}"
            ) from exc
        raise
    con.execute("set memory_limit = ?", [duckdb_memory_limit()])
    if not read_only:
        con.execute("set temp_directory = ?", [str(path.parent / "duckdb_tmp")])
    return con


@contextmanager
def connect(path: Path | str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_connection(path, read_only=read_only)
    try:
        if not read_only:
            ensure_schema(con)
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every layer's schema and the raw tables if any is missing (idempotent)."""
    present = {
        row[0]
        for row in con.execute("select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()
    }
    if not {s.name for s in SOURCES.values()} | {"landing_files", "rejections"} <= present:
        con.execute(sql("raw/schema"))
