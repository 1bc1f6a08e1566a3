"""Writing files that other people read: each one appears whole or not at all (temp file, then rename).

A CSV is opened in Excel, which reads a cell starting with = + - @ (or a tab or carriage return) as a formula: every
CSV written here, by DuckDB (copy_query) or from a frame (write_csv), has such text values behind a single quote
(OWASP's advice on CSV injection). JSON Lines, Parquet and workbooks keep the true value: they are not read that way.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from creditwh.platform.extensions import load
from creditwh.platform.sql import execute, quote_identifier, quote_literal, select_list, sql

# Excel opens UTF-8 CSV correctly only with a byte-order mark. DuckDB's COPY writes none, so a query's first
# header name carries it: the file then starts with the BOM, and readers that strip it see the plain name.
BOM = "\ufeff"
# A sheet holds 1,048,576 rows, one of them the header. A province's publication is larger: its workbook is split.
XLSX_MAX_ROWS = 1_048_575
# The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection); sql/platform/copy_csv.sql
# holds the same list for DuckDB's COPY.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write(target: Path, write) -> Path:
    """Call write(tmp) on a temp file beside target, then rename it over target (atomic on one filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


@cache
def _excel_writer() -> duckdb.DuckDBPyConnection:
    # DuckDB's excel extension writes a sheet about 10x faster than polars' write_excel (xlsxwriter, a Python
    # call per cell: 200 s for the 1M-row benchmark's publication) and streams instead of holding every cell.
    con = duckdb.connect()
    load(con, "excel")
    return con


def write_xlsx(frame: pl.DataFrame, target: Path, sheet: str) -> list[Path]:
    """A frame as target.xlsx, or target_1.xlsx, target_2.xlsx … when the rows do not fit one sheet."""
    con = _excel_writer()
    con.register("xlsx_frame", frame)
    try:
        return write_xlsx_query(con, "select * from xlsx_frame", frame.height, target, sheet)
    finally:
        con.unregister("xlsx_frame")


def write_xlsx_query(con: duckdb.DuckDBPyConnection, query: str, rows: int, target: Path, sheet: str) -> list[Path]:
    """A query's rows as one workbook, or numbered workbooks of XLSX_MAX_ROWS rows each. Each file atomic."""
    load(con, "excel")
    parts = xlsx_slices(query, rows)
    names = (
        [target] if len(parts) == 1 else [target.with_name(f"{target.stem}_{i}.xlsx") for i in range(1, len(parts) + 1)]
    )
    for name, part in zip(names, parts, strict=True):
        atomic_write(
            name,
            lambda p, part=part: execute(
                con,
                "platform/copy_xlsx",
                fragments={"query": part, "path": quote_literal(str(p)), "sheet": quote_literal(sheet)},
            ),
        )
    return names


def xlsx_slices(query: str, rows: int) -> list[str]:
    """The query as one, or as slices of XLSX_MAX_ROWS rows in its order: Excel's row limit per sheet."""
    parts = max(1, -(-rows // XLSX_MAX_ROWS))
    if parts == 1:
        return [query]
    return [
        sql(
            "platform/slice",
            fragments={"query": query, "limit": str(XLSX_MAX_ROWS), "offset": str(i * XLSX_MAX_ROWS)},
        )
        for i in range(parts)
    ]


def query_columns(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, str]]:
    """A query's (column, type) in order, without running it."""
    return [
        (row[0], row[1]) for row in con.execute(sql("platform/describe_query", fragments={"query": query})).fetchall()
    ]


def bom_first(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(expression, header) columns with the BOM on the first header, for a CSV that Excel opens as UTF-8."""
    return [(columns[0][0], BOM + columns[0][1])] + columns[1:]


def labelled(template: str, columns: list[tuple[str, str]], **identifiers: str) -> tuple[str, str]:
    """sql/<template> with these (expression, header) columns, plain and with the BOM on the first header (CSV)."""
    plain, with_bom = (
        sql(template, fragments={"columns": select_list(c)}, **identifiers) for c in (columns, bom_first(columns))
    )
    return plain, with_bom


def copy_query(con: duckdb.DuckDBPyConnection, query: str, target: Path, fmt: str) -> Path:
    """A query's rows as a csv or jsonl file, streamed by DuckDB (nothing held in Python), atomically.

    In a csv, a text value a spreadsheet would read as a formula is written behind a single quote."""
    fragments = {"query": query}
    if fmt == "csv":
        fragments["columns"] = csv_columns(con, query)
    return atomic_write(
        target,
        lambda p: execute(con, f"platform/copy_{fmt}", fragments={**fragments, "path": quote_literal(str(p))}),
    )


def csv_columns(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """The select list that writes a query's text columns through csv_text (sql/platform/copy_csv.sql), in place,
    and every other column as it is: a -5 in a number column is a number, not a formula."""
    text = [name for name, kind in query_columns(con, query) if kind == "VARCHAR"]
    if not text:
        return "*"
    return "* replace (" + ", ".join(f"csv_text({quote_identifier(c)}) as {quote_identifier(c)}" for c in text) + ")"


def csv_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each text value that starts like a formula behind a single quote (for a CSV only)."""

    def cell(name: str) -> pl.Expr:
        value = pl.col(name)
        return pl.when(value.str.slice(0, 1).is_in(FORMULA_START)).then(pl.lit("'") + value).otherwise(value)

    return frame.with_columns(cell(name).alias(name) for name, dtype in frame.schema.items() if dtype == pl.String)


def write_csv(frame: pl.DataFrame, target: Path) -> Path:
    """A frame as a CSV file (UTF-8, header), safe to open in a spreadsheet, atomically."""
    return atomic_write(target, lambda p: csv_safe(frame).write_csv(p))
