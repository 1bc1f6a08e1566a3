"""The one way to open the warehouse: read-write for the single writer, read-only for readers.

Two backends behind the same connection (CREDIT_CATALOG): the embedded DuckDB file, or DuckLake, whose catalog
is in PostgreSQL and whose data is Parquet. On DuckLake the lake is attached as the session's default database,
so every SQL file runs unchanged (raw.x, staging.x … resolve to the lake) and temp tables stay session-local.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from creditwh.platform import catalog, config
from creditwh.platform.config import duckdb_memory_limit
from creditwh.platform.extensions import load
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import execute, quote_literal, relation, sql

# What DuckLake raises when another writer committed first and its own retries did not resolve it (a delete
# against a concurrent insert into the same table is never retried by DuckLake itself).
CONFLICT_MARKERS = ("transaction conflict", "failed to commit ducklake transaction")


def is_conflict(exc: Exception) -> bool:
    """Whether a write lost a race to another writer (DuckLake), rather than failed."""
    return any(marker in str(exc).lower() for marker in CONFLICT_MARKERS)


LAYER_SCHEMAS = ("raw", "staging", "quality", "core", "marts", "publish")
# The incremental builds' bookkeeping (change log, applied batches, fingerprints) and the validation macros live in
# `ops`, apart from the business schemas; the analysts' snapshot leaves it out.
OPS_SCHEMA = "ops"
# where a warehouse built before the ops schema keeps its bookkeeping
MOVED_TO_OPS = (
    "core.applied_batches",
    "core.change_consumers",
    "core.event_corrections",
    "marts.subject_fingerprints",
    "marts.timeline_cases_built",
    "marts.kpi_presence_partitions",
    "staging.change_batches",
    "staging.record_changes",
)


# added to raw.landing_files after it was first built (loading clones the table's shape: their place does not matter)
LANDING_REGISTER_COLUMNS = ("reason_code", "source_unit")


class WarehouseLockedError(RuntimeError):
    """Another process holds the DuckDB write lock."""


def open_connection(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if config.catalog() == "ducklake":
        return _open_ducklake(Path(path), read_only)
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        # Fail at once: a silent retry loop would only hide a second writer (see the pool in dagster.yaml).
        if is_lock_conflict(exc):
            raise WarehouseLockedError(
                f"数据仓库文件被其他进程占用 / the warehouse {path} is locked by another process. "
                "Writers are serialised by the Dagster pool 'duckdb_writer'; readers should use the analyst snapshot. "
                f"DuckDB said: {exc}"
            ) from exc
        raise
    _session_settings(con, path, spill=not read_only)
    return con


def is_lock_conflict(exc: Exception) -> bool:
    """DuckDB's "Could not set lock on file ... Conflicting lock is held". Not any message with "lock" in it: a
    corrupt file's "checksum ... in block at location" must surface as itself, not as a second writer."""
    message = str(exc).lower()
    return "could not set lock" in message or "conflicting lock" in message


def _session_settings(con: duckdb.DuckDBPyConnection, path: Path, spill: bool) -> None:
    """The memory limit, and a spill folder of this process's own beside the warehouse (for a writer)."""
    con.execute("set memory_limit = ?", [duckdb_memory_limit()])
    if spill:
        path.parent.mkdir(parents=True, exist_ok=True)
        con.execute("set temp_directory = ?", [spill_folder(path)])


def spill_folder(path: Path) -> str:
    # One folder per process: DuckDB's spill files of two processes in one folder overwrite each other
    # ("Could not read enough bytes"), and DuckLake runs write in parallel.
    parent = path.parent / "duckdb_tmp"
    parent.mkdir(parents=True, exist_ok=True)  # DuckDB creates only the last level itself, when it first spills
    return str(parent / str(os.getpid()))


def describe(path: Path | str) -> str:
    """Where the warehouse is, for people: the file, or the lake's catalog and data path."""
    if config.catalog() == "ducklake":
        return (
            f"DuckLake（目录 catalog PostgreSQL {config.ducklake_postgres()}；数据 data {config.ducklake_data_path()}）"
        )
    return str(path)


def exists(path: Path | str) -> bool:
    return config.catalog() == "ducklake" or Path(path).exists()


def _open_ducklake(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as `warehouse` and made the default database.

    `path` only places the spill folder; the lake is named by CREDIT_DUCKLAKE_PG and CREDIT_DUCKLAKE_DATA.
    """
    con = duckdb.connect()
    _session_settings(con, path, spill=True)  # in memory: even a reader spills to a folder of its own
    load(con, "postgres")
    load(con, "ducklake")
    execute(con, "platform/ducklake_retries", {"retries": config.ducklake_retries()})
    data = config.ducklake_data_path()
    if data.startswith("s3://"):
        configure_s3(con)
    elif "://" not in data:
        Path(data).mkdir(parents=True, exist_ok=True)
    fragments = {
        "catalog": quote_literal("ducklake:postgres:" + config.ducklake_postgres()),
        "data_path": quote_literal(data),
    }
    execute(con, "platform/attach_ducklake_read_only" if read_only else "platform/attach_ducklake", fragments=fragments)
    return con


def configure_s3(con: duckdb.DuckDBPyConnection) -> None:
    """httpfs and a secret for S3-compatible storage, from CREDIT_S3_* (see docs/deployment.md)."""
    load(con, "httpfs")
    settings = config.s3_settings()
    if settings["use_ssl"] not in ("true", "false"):
        raise ValueError(f"CREDIT_S3_USE_SSL 只能是 true 或 false / must be true or false, not {settings['use_ssl']!r}")
    fragments = {k: (v if k == "use_ssl" else quote_literal(v)) for k, v in settings.items()}
    execute(con, "platform/s3_secret", fragments=fragments)


def write_transaction(con: duckdb.DuckDBPyConnection, write: Callable[[], object], attempts: int = 8) -> object:
    """Run write() in one transaction; on DuckLake, a commit that lost a race to another writer is tried again.

    The embedded file has one writer, so there it never retries. write() must be repeatable: it reads only
    session-local temp tables and replaces exactly its own partition's rows.
    """
    for attempt in range(attempts):
        con.execute("begin transaction")
        try:
            result = write()
            con.execute("commit")
            return result
        except duckdb.Error as exc:
            rollback_quietly(con)
            if attempt + 1 == attempts or not is_conflict(exc):
                raise
            time.sleep(0.05 * 2**attempt * (1 + random.random()))  # jitter: two losers should not collide again
        except BaseException:
            rollback_quietly(con)
            raise
    raise AssertionError("unreachable")


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("rollback")
    except duckdb.Error:  # a failed commit has already ended the transaction
        pass


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
        row[0] for row in con.execute("select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()
    }
    if not {s.name for s in SOURCES.values()} | {"landing_files", "rejections"} <= present:
        con.execute(sql("ingest/schema"))
    add_new_fields(con)
    move_bookkeeping_to_ops(con)


def add_new_fields(con: duckdb.DuckDBPyConnection) -> None:
    """Give a raw table built from an older field table the fields added since (e.g. 撤销原因): rows loaded before
    hold null there, as their files had no such column. Loading clones the table's own shape, so the order in
    which columns were added does not matter."""
    for source in SOURCES.values():
        stored = catalog.columns(con, f"raw.{source.name}")
        for column in source.columns:
            if column not in stored:
                execute(
                    con,
                    "platform/add_column",
                    fragments={"column_type": "varchar"},
                    table=source.raw_table,
                    column=column,
                )
    # the landing register gained the reason and the named unit of a file not loaded (a stray's correction list)
    stored = catalog.columns(con, "raw.landing_files")
    for column in (c for c in LANDING_REGISTER_COLUMNS if c not in stored):
        execute(
            con, "platform/add_column", fragments={"column_type": "varchar"}, table="raw.landing_files", column=column
        )


def move_bookkeeping_to_ops(con: duckdb.DuckDBPyConnection) -> None:
    """Give a warehouse built by older code the ops schema: its bookkeeping tables moved there, rows and all, and
    the old validation macros dropped (the validation creates them again in ops). Idempotent, one transaction."""
    pending = relation(con, "platform/ops_pending", {"moved": list(MOVED_TO_OPS)}).fetchall()
    if not pending:
        return

    def move() -> None:
        for action, name in pending:
            if action == "schema":
                execute(con, "platform/ops_schema")
            elif action == "table":
                execute(con, "platform/move_table", source=name, target=f"{OPS_SCHEMA}.{name.split('.')[1]}")
            else:
                catalog.drop(con, "macro", name)

    write_transaction(con, move)
