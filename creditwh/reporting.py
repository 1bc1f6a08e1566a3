"""Short text summaries of the warehouse for the command line."""

from __future__ import annotations

from pathlib import Path

from creditwh.sql import execute
from creditwh.warehouse import connect


def raw_summary(warehouse_file: Path) -> list[str]:
    with connect(warehouse_file, read_only=True) as con:
        rows = execute(con, "raw/summary").fetchall()
    lines = [f"{'数据源 source':<18}{'文件 files':>10}{'重复 dup':>10}{'拒收文件 rej':>14}{'入库行 rows':>14}{'拒收行 rej':>12}"]
    for source, files, dup, rejected_files, rows_loaded, lines_rejected in rows:
        lines.append(f"{source:<18}{files:>10,}{dup:>10,}{rejected_files:>14,}{rows_loaded:>14,}{lines_rejected:>12,}")
    return lines
