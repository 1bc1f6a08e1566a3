"""Digests of what a run built, for the proof that a day worked out from change answers exactly as a whole build
on the same data (issue 24): tests/system/test_incremental_equals_rebuild.py on every table and file of a small
run, `creditwh bench --verify-incremental` on the outputs of a large one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from creditwh.platform.warehouse import connect

# What the model holds about the run itself rather than about the data: when it was built, and the random token
# of the staging folder a publication was committed with.
VOLATILE_COLUMNS = frozenset({"built_at", "published_at", "loaded_at", "run_id"})
VOLATILE_IN_TABLE = {"publish.publication_folders": frozenset({"folder"})}
# ... and in a folder's manifest, when it was written
VOLATILE_KEYS = frozenset({"written_at"})


def table_digests(warehouse: Path, patterns: Sequence[str]) -> dict[str, str]:
    """Each base table whose `schema.name` matches one of the patterns (SQL LIKE, e.g. "marts.kpi%"): a digest of
    its rows in a fixed order, the volatile columns left out."""
    out = {}
    with connect(warehouse, read_only=True) as con:
        tables = con.execute(
            "select distinct table_schema, table_name from information_schema.tables as t "
            "join unnest(?::varchar[]) as p(pattern) on t.table_schema || '.' || t.table_name like p.pattern "
            "where table_type = 'BASE TABLE' order by all",
            [list(patterns)],
        ).fetchall()
        for schema, name in tables:
            left_out = VOLATILE_COLUMNS | VOLATILE_IN_TABLE.get(f"{schema}.{name}", frozenset())
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, name],
                ).fetchall()
                if c not in left_out
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'select {listed} from "{schema}"."{name}" order by all').fetchall()  # noqa: S608
            out[f"{schema}.{name}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def file_digests(data: Path, include: Callable[[str], bool]) -> dict[str, str]:
    """Each file under the data folder whose path (relative, with /) `include` takes: a digest of its bytes, a
    manifest's without the time it was written."""
    return {
        relative: hashlib.sha256(_content(path)).hexdigest()
        for path in sorted(data.rglob("*"))
        if path.is_file() and include(relative := path.relative_to(data).as_posix())
    }


def _content(path: Path) -> bytes:
    if path.suffix != ".json":
        return path.read_bytes()

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(json.loads(path.read_text(encoding="utf-8"))), ensure_ascii=False).encode()
