"""The 双公示 whole set in force as a consumer reads it: the parts a full-set day's manifest lists, in order."""

from pathlib import Path

import polars as pl

from creditwh.publication.conformance import template_headers
from creditwh.publication.full_set import files_in_force, listed


def read_full_set(folder: Path, source: str = "penalties") -> pl.DataFrame:
    """The CSV parts of a source's whole set, one frame (the template's headers when no record is in force)."""
    files = files_in_force(folder, source, "csv")
    if not files:
        return pl.DataFrame(schema={h: pl.String for h in template_headers(source)})
    return pl.concat([pl.read_csv(f, infer_schema=False) for f in files])


def full_set_text(folder: Path, source: str, fmt: str) -> str:
    """The whole set's files of one format, read as text and joined (CSV headers repeat per part)."""
    return "".join(f.read_text(encoding="utf-8") for f in files_in_force(folder, source, fmt))


def full_set_days(out: Path) -> list[str]:
    """The days whose manifest lists the whole set in force."""
    return sorted(p.name for p in out.glob("*-*-*") if listed(p) is not None)
