"""Short text summaries of the warehouse for the command line."""

from __future__ import annotations

from pathlib import Path

from creditwh.platform import catalog
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


def run_summary(warehouse_file: Path, run_ids: str | list[str] | None = None) -> list[str]:
    """The warehouse's counts per source, and the warnings of the named runs (a sparse back-load is several)."""
    with connect(warehouse_file, read_only=True) as con:
        rows = execute(con, "validation/run_summary").fetchall()
        not_loaded = files_not_loaded(con)
        warnings = dropped_on_resend_lines(con, [run_ids] if isinstance(run_ids, str) else run_ids)
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
    return lines + warnings + not_loaded


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


def dropped_on_resend_lines(con, run_ids: list[str] | None = None) -> list[str]:
    """One warning per source, file and kind: the records a re-sent day no longer holds, withdrawn (published as 撤下)
    or reverted to an earlier day's version (published as 更新), with no other word in the 双公示 files. Those the run
    found; every one still noted when no run is named."""
    if not catalog.table_exists(con, "quality.dropped_on_resend"):  # a warehouse validated before it existed
        return []
    return [
        f"{source:<16}警告：{n} 条记录{DROPPED[kind].format(n=n)}: {file}（{day} 重新报送 / re-sent）"
        for source, day, file, kind, n in execute(
            con, "validation/dropped_on_resend_counts", {"run_ids": run_ids}
        ).fetchall()
    ]


DROPPED = {
    "withdrawn": "因重新报送的文件中已不含而撤下 / {n} records withdrawn because the re-sent file no longer holds them",
    "reverted": "因重新报送的文件中已不含本日版本，已恢复为此前报送的版本 / {n} records reverted to an earlier day's "
    "version because the re-sent file no longer holds them",
}
