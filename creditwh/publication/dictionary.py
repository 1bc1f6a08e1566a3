"""Comments on every table column, so `select * from duckdb_columns()` reads like a data dictionary.

Canonical source columns take their Chinese names from the field tables; derived columns from
sql/publication/dictionary.csv; lineage columns from the raw layer's own comments.
"""

from __future__ import annotations

import csv
from functools import cache

from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import SQL_DIR, execute, quote_literal
from creditwh.platform.warehouse import write_transaction

DOCUMENTED_SCHEMAS = ("raw", "staging", "quality", "core", "marts", "publish")


@cache
def column_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for source in SOURCES.values():
        for f in (*source.fields, *source.old_fields):
            names.setdefault(f.canonical, f"{f.name_zh} / {f.canonical}")
    with open(SQL_DIR / "publication" / "dictionary.csv", encoding="utf-8", newline="") as fh:
        names.update({r["column"]: r["comment"] for r in csv.DictReader(fh)})
    return names


def apply_comments(con) -> int:
    """Comment every uncommented table column we can name; returns how many were added."""
    lineage = dict(execute(con, "publication/raw_lineage_comments").fetchall())
    names = {**lineage, **column_names()}
    missing = execute(con, "platform/uncommented_columns", {"schemas": list(DOCUMENTED_SCHEMAS)}).fetchall()
    named = [(schema, table, column, names[column]) for schema, table, column in missing if names.get(column)]

    def write() -> None:
        for schema, table, column, text in named:
            execute(
                con,
                "platform/comment_column",
                fragments={"text": quote_literal(text)},
                table=f"{schema}.{table}",
                column=column,
            )

    # one transaction: on DuckLake each statement alone is a commit to the catalog (32 s at 1M rows, not 1)
    write_transaction(con, write)
    return len(named)
