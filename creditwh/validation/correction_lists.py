"""Correction lists: one .xlsx per source unit with its rejected records and the reasons, in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from creditwh.platform import catalog
from creditwh.platform.outputs import write_xlsx
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import execute, quote_literal, sql


def safe_file_name(unit: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("_") or "unknown"


def write_correction_lists(con, out_dir: Path) -> dict[str, int]:
    """Rewrite out_dir with one workbook per unit; returns rows per unit. Each file is replaced atomically."""
    frame = execute(con, "validation/correction_list", fragments={"deliveries": _deliveries(con)}).pl()
    out_dir.mkdir(parents=True, exist_ok=True)
    written, files = {}, set()
    for (unit,), rows in frame.group_by("数据来源单位", maintain_order=True):
        files.update(write_xlsx(rows, out_dir / f"{safe_file_name(unit)}.xlsx", "待更正记录"))
        written[unit] = rows.height
    for stale in out_dir.glob("*.xlsx"):
        if stale not in files:
            stale.unlink()  # a unit with nothing left to correct gets no list
    return written


def _deliveries(con) -> str:
    """Each record's current version and its day, over every source validated so far."""
    parts = [
        sql(
            "validation/record_deliveries",
            fragments={"source": quote_literal(source.name)},
            latest=f"{source.staging_table}_latest",
        )
        for source in SOURCES.values()
        if catalog.table_exists(con, f"{source.staging_table}_latest")
    ]
    return "\nunion all\n".join(parts) or sql("validation/no_record_deliveries")
