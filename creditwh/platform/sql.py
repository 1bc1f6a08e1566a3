"""Loads the SQL files under `sql/`.

Values are always bound as parameters. The only substitution is `{{name}}` for an identifier that comes
from the source registry (DuckDB cannot bind a table name); it is checked against a strict pattern,
so no data ever reaches SQL text.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from creditwh.platform.config import sql_trace

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
# the pipeline step whose statements are running, for CREDIT_SQL_TRACE: a file shared by many steps
# (platform/replace_keyed_rows) is then told apart by step
_STEP: ContextVar[str | None] = ContextVar("sql_trace_step", default=None)


@contextmanager
def traced_step(step: str | None) -> Iterator[None]:
    """Name the step every statement run inside belongs to, on its CREDIT_SQL_TRACE line."""
    token = _STEP.set(step)
    try:
        yield
    finally:
        _STEP.reset(token)


@cache
def raw_text(name: str) -> str:
    """sql/<name>.sql as written, placeholders unfilled."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql(name: str, fragments: dict[str, str] | None = None, **identifiers: str) -> str:
    """The statement(s) in sql/<name>.sql, with registry identifiers filled in.

    `fragments` are whole SQL texts from our own files or from quality/compile.py (never data).
    """
    for key, value in identifiers.items():
        if not _IDENTIFIER.match(value):
            raise ValueError(f"not a safe SQL identifier for {key}: {value!r}")

    values = {**identifiers, **(fragments or {})}

    def fill(match: re.Match) -> str:
        try:
            return values[match.group(1)]
        except KeyError:
            raise KeyError(f"sql/{name}.sql needs identifier {match.group(1)!r}") from None

    return _PLACEHOLDER.sub(fill, raw_text(name))


def statements(con: duckdb.DuckDBPyConnection, text: str) -> list[duckdb.Statement]:
    """The statements of a SQL text, split by DuckDB's own parser (strings, comments and macro bodies included)."""
    return con.extract_statements(text)


def execute(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any] | None = None,
    fragments: dict[str, str] | None = None,
    **identifiers: str,
) -> duckdb.DuckDBPyConnection | None:
    """Run every statement of sql/<name>.sql, each with just the named parameters it uses (DuckDB rejects others)."""
    result = None
    trace = sql_trace()
    for number, statement in enumerate(statements(con, sql(name, fragments, **identifiers)), 1):
        used = _used_params(statement, params)
        begin = time.perf_counter()
        result = con.execute(statement.query, used) if used else con.execute(statement.query)
        if trace:
            _trace(trace, name, number, time.perf_counter() - begin)
    return result


def _trace(path: Path, name: str, number: int, seconds: float) -> None:
    # one short append per line: the writers of one run (its steps' processes) interleave whole lines
    line = json.dumps(
        {"step": _STEP.get(), "sql": name, "statement": number, "seconds": round(seconds, 4), "pid": os.getpid()}
    )
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def relation(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyRelation:
    """sql/<name>.sql (one SELECT) as a DuckDB relation: its column names and types are known before it is read."""
    [statement] = statements(con, sql(name))
    used = _used_params(statement, params)
    text = statement.query.strip().rstrip(";")
    return con.sql(text, params=used) if used else con.sql(text)


def _used_params(statement: duckdb.Statement, params: dict[str, Any] | None) -> dict[str, Any]:
    """The named parameters the parser found in the statement, with their values."""
    return {p: (params or {})[p] for p in sorted(statement.named_parameters)}


def quote_literal(text: str) -> str:
    """A SQL string literal, for the few statements DuckDB cannot bind (ATTACH's path): quotes doubled."""
    if "\x00" in text:
        raise ValueError("a NUL byte cannot be part of a SQL literal")
    return "'" + text.replace("'", "''") + "'"


def quote_identifier(name: str) -> str:
    """A quoted SQL identifier, for column names from the field tables (Chinese headers among them)."""
    if "\x00" in name:
        raise ValueError("a NUL byte cannot be part of a SQL identifier")
    return '"' + name.replace('"', '""') + '"'


def select_list(columns: list[tuple[str, str]]) -> str:
    """'expression AS "alias", …' for a fragment: each expression is our own SQL, each alias a registry name."""
    return ", ".join(f"{expression} as {quote_identifier(alias)}" for expression, alias in columns)
