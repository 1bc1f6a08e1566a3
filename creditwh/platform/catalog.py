"""The warehouse catalogue, typed: whether a relation exists and what it is, which columns and how many rows a table
holds, and dropping what older code left. Callers never handle a cursor or a row tuple for these."""

from __future__ import annotations

from typing import Literal

import duckdb

from creditwh.platform.sql import execute

RelationKind = Literal["table", "view"]
Droppable = Literal["table", "view", "macro"]


def relation_kind(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> RelationKind | None:
    """What schema.name is in this database today: a table, a view, or None (absent)."""
    cursor = execute(con, "platform/relation_kind", {"schema": schema, "name": name})
    assert cursor is not None
    row = cursor.fetchone()
    return None if row is None else row[0]


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    """Whether "schema.table" is a (non-temporary) table of this database."""
    schema, table = qualified.split(".")
    return relation_kind(con, schema, table) == "table"


def columns(con: duckdb.DuckDBPyConnection, qualified: str) -> set[str]:
    """The column names of "schema.table" (none if it does not exist)."""
    schema, table = qualified.split(".")
    cursor = execute(con, "platform/table_shape", {"schema": schema, "table": table})
    assert cursor is not None
    return {column for column, _ in cursor.fetchall()}


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The rows of a table or view ("schema.name", or a temp table's bare name)."""
    cursor = execute(con, "platform/row_count", table=table)
    row = None if cursor is None else cursor.fetchone()
    assert row is not None  # count(*) always gives one row
    return int(row[0])


def drop(con: duckdb.DuckDBPyConnection, kind: Droppable, name: str) -> None:
    """DROP <kind> IF EXISTS name: a relation older code left under another kind."""
    if kind not in ("table", "view", "macro"):
        raise ValueError(f"cannot drop a {kind!r}")
    execute(con, "platform/drop", kind=kind, relation=name)
