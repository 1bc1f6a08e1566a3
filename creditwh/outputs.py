"""Writing files that other people read: each one appears whole or not at all (temp file, then rename)."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl


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


def write_csv_bom(frame: pl.DataFrame, path: Path) -> None:
    with open(path, "wb") as fh:
        fh.write("\ufeff".encode())  # Excel opens UTF-8 correctly only with a BOM
        frame.write_csv(fh)


def write_formats(frame: pl.DataFrame, folder: Path, stem: str, sheet: str) -> list[Path]:
    """The three publication formats: CSV (UTF-8 with BOM, for Excel), JSON Lines and .xlsx."""
    return [
        atomic_write(folder / f"{stem}.csv", lambda p: write_csv_bom(frame, p)),
        atomic_write(folder / f"{stem}.jsonl", lambda p: frame.write_ndjson(p)),
        atomic_write(folder / f"{stem}.xlsx", lambda p: frame.write_excel(p, worksheet=sheet)),
    ]
