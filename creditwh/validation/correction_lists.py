"""Correction lists: one .xlsx per source unit with its rejected records and the reasons, in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from creditwh.platform.outputs import write_xlsx
from creditwh.platform.sql import execute


def safe_file_name(unit: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("_") or "unknown"


def write_correction_lists(con, out_dir: Path) -> dict[str, int]:
    """Rewrite out_dir with one workbook per unit; returns rows per unit. Each file is replaced atomically."""
    frame = execute(con, "validation/correction_list").pl()
    out_dir.mkdir(parents=True, exist_ok=True)
    written, files = {}, set()
    for (unit,), rows in frame.group_by("数据来源单位", maintain_order=True):
        files.update(write_xlsx(rows, out_dir / f"{safe_file_name(unit)}.xlsx", "待更正记录"))
        written[unit] = rows.height
    for stale in out_dir.glob("*.xlsx"):
        if stale not in files:
            stale.unlink()  # a unit with nothing left to correct gets no list
    return written
