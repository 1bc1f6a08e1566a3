"""Short text summaries of the warehouse for the command line."""

from __future__ import annotations

from pathlib import Path

from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect

HEADER = (
    "数据源 source",
    "文件 files",
    "重复 dup",
    "坏文件 bad",
    "坏行 bad lines",
    "接收 received",
    "入库 accepted",
    "拒收 rejected",
    "超期 late",
)


def run_summary(warehouse_file: Path) -> list[str]:
    with connect(warehouse_file, read_only=True) as con:
        rows = execute(con, "validation/run_summary").fetchall()
        not_loaded = files_not_loaded(con)
    widths = [16, 8, 8, 8, 12, 12, 12, 12, 10]
    lines = [
        "".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(HEADER, widths, strict=False)))
    ]
    for row in rows:
        lines.append(
            "".join(
                str(v).ljust(w) if i == 0 else f"{v:,}".rjust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=False))
            )
        )
    return lines + not_loaded


def files_not_loaded(con) -> list[str]:
    """Files outside every date folder, counted and each named with its reason (creditwh/ingest/strays.py)."""
    strays = execute(con, "validation/files_not_loaded").fetchall()
    if not strays:
        return []
    n = len(strays)
    return [
        f"{n} 个文件未装载：不在日期文件夹中 / {n} file{'s' if n > 1 else ''} not loaded: outside a date folder",
        *(f"  {source_file}: {zh} / {en}" for source_file, zh, en in strays),
    ]
