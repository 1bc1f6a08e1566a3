"""Correction lists: one .xlsx per source unit with its rejected records and the reasons, in Chinese."""

from __future__ import annotations

import os
import re
from pathlib import Path

from creditwh.sql import execute


def safe_file_name(unit: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("_") or "unknown"


def write_correction_lists(con, out_dir: Path) -> dict[str, int]:
    """Rewrite out_dir with one workbook per unit; returns rows per unit. Each file is replaced atomically."""
    frame = execute(con, "quality/correction_list").pl()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for (unit,), rows in frame.group_by("数据来源单位", maintain_order=True):
        target = out_dir / f"{safe_file_name(unit)}.xlsx"
        tmp = target.with_suffix(".xlsx.tmp")
        rows.write_excel(tmp, worksheet="待更正记录", autofit=True, header_format={"bold": True, "bg_color": "#DDEBF7"})
        os.replace(tmp, target)
        written[unit] = rows.height
    for stale in out_dir.glob("*.xlsx"):
        if stale.stem not in {safe_file_name(u) for u in written}:
            stale.unlink()  # a unit with nothing left to correct gets no list
    return written
