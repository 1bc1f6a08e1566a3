"""Loads the SQL files under `sql/`.

Values are always bound as parameters. The only substitution is `{{name}}` for an identifier that comes
from the source registry (DuckDB cannot bind a table name); it is checked against a strict pattern,
so no data ever reaches SQL text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@cache
def _text(name: str) -> str:
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

    return _PLACEHOLDER.sub(fill, _text(name))


_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def statements(text: str) -> list[str]:
    """Split a file of our own SQL on statement ends (a ';' that closes a line)."""
    parts = re.split(r";[ \t]*(?:--[^\n]*)?\n", text + "\n")
    return [p.strip() for p in parts if p.strip() and not _only_comments(p)]


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def execute(con, name: str, params: dict | None = None, fragments: dict[str, str] | None = None, **identifiers: str):
    """Run every statement of sql/<name>.sql, each with just the named parameters it uses."""
    result = None
    for statement in statements(sql(name, fragments, **identifiers)):
        used = _used_params(statement, params)
        result = con.execute(statement, used) if used else con.execute(statement)
    return result


def relation(con, name: str, params: dict | None = None):
    """sql/<name>.sql (one SELECT) as a DuckDB relation: its column names and types are known before it is read."""
    text = sql(name).strip().rstrip(";")
    used = _used_params(text, params)
    return con.sql(text, params=used) if used else con.sql(text)


def _used_params(statement: str, params: dict | None) -> dict:
    """The parameters a statement names (DuckDB rejects unused ones), in order of first use."""
    return {p: (params or {})[p] for p in dict.fromkeys(_PARAM.findall(_strip_comments(statement)))}


def _strip_comments(statement: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in statement.splitlines())


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
