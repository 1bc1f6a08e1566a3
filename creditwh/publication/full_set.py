"""双公示全量文件: the whole set in force, written in parts (one per source and decision month), so a full-set day
writes again only the parts whose content changed since they were written.

A part stays in the day folder that wrote it. Each full-set day's manifest.json lists every part in force ("parts":
its source, month, the folder that holds it, and each file's name, rows, bytes and sha256): what a consumer reads to
get the whole set, and what proves that a part written on an earlier day is the file that was checked then (the
national form and the privacy check read each part the day it is written). The folders a manifest names must
therefore be kept as long as a later manifest names them.

A part's fingerprint is computed from the publication history (its rows and an order-free sum of their content
hashes) and the layout of its files, so deciding what to write reads no file and builds no frame. The frame built
for the parts written again is compared with the history before anything is written: the parts and the day's
change files always add up to the same set.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from creditwh.platform import config, manifest
from creditwh.platform.outputs import bom_first, copy_query
from creditwh.platform.sql import execute, quote_literal, raw_text, select_list, sql
from creditwh.publication.folder import MANIFEST, StagedFolder, sha256

FORMATS = ("csv", "jsonl")


class PartMismatch(RuntimeError):
    """The records built for a part are not what the publication history shows: nothing is published."""


@dataclass
class Part:
    part: str
    shown_rows: int
    content_sum: int | None
    fingerprint: str | None
    written_fingerprint: str | None
    folder: str | None
    files: str | None

    def is_current(self, out_dir: Path) -> bool:
        """Written from the same content and layout, and its files still where the manifest said (a --rebuild
        writes every part again)."""
        return (
            not config.whole_rebuild()
            and self.fingerprint is not None
            and self.fingerprint == self.written_fingerprint
            and all((out_dir / self.folder / f["file"]).is_file() for f in json.loads(self.files or "[]"))
        )


def part_file(source: str, part: str, fmt: str) -> str:
    return f"{source}_{part}.{fmt}"


def layout_of(source: str, form: list[tuple[str, str]]) -> str:
    """How a part's files are written: a change rewrites every part."""
    return manifest.layout(
        source,
        *(f"{value}={header}" for value, header in form),
        *(raw_text(name) for name in ("publication/part_rows", "publication/national_form")),
        *(raw_text(f"platform/copy_{fmt}") for fmt in FORMATS),
    )


def parts_to_write(con, source: str, out_dir: Path, layout: str) -> list[Part]:
    """The parts of a source whose content (as the history shows it after this publication) or layout differs from
    the part in force, whose files are gone, that are new, or that have no rows left."""
    rows = execute(con, "publication/full_set_parts", {"source": source, "file_layout": layout}).fetchall()
    return [p for p in (Part(*row) for row in rows) if not p.is_current(out_dir)]


def write_parts(
    con,
    stage: StagedFolder,
    source: str,
    as_of: date,
    parts: list[Part],
    form: list[tuple[str, str]],
    frame_for: Callable[[list[str]], str],
) -> list[Path]:
    """Write the given parts into the staged folder and record them in force (inside the caller's transaction).
    frame_for(parts) returns a frame (with its digest) holding at least those parts' records."""
    names = [p.part for p in parts if p.shown_rows]
    files: list[Path] = []
    if names:
        frame = frame_for(names)
        built = {
            part: (rows, total)
            for part, rows, total in execute(con, "publication/part_digest", {"parts": names}, frame=frame).fetchall()
        }
        expected = {p.part: (p.shown_rows, p.content_sum) for p in parts if p.shown_rows}
        if built != expected:
            raise PartMismatch(
                "全量分片与发布历史不一致，本次未发布 / the whole set's parts differ from the publication history, "
                f"nothing was published: {source} {sorted(set(built.items()) ^ set(expected.items()))[:5]}"
            )
        execute(con, "publication/part_frame", {"parts": names}, frame=frame)
    for p in parts:
        entries = []
        if p.shown_rows:
            whole, with_bom = _part_queries(form, frame, p.part)
            for fmt, query in (("csv", with_bom), ("jsonl", whole)):
                path = copy_query(con, query, stage.path / part_file(source, p.part, fmt), fmt)
                files += stage.add(path, p.shown_rows, "full_set")
                entry = {"file": path.name, "rows": p.shown_rows, "bytes": path.stat().st_size, "sha256": sha256(path)}
                stage.entries[-1]["sha256"] = entry["sha256"]  # hashed once, for the manifest too
                entries.append(entry)
        execute(
            con,
            "publication/log_part",
            {
                "as_of": as_of,
                "source": source,
                "part": p.part,
                "fingerprint": p.fingerprint,
                "folder": stage.final.name,
                "files": json.dumps(entries, ensure_ascii=False),
                "rows": p.shown_rows,
            },
        )
    return files


def _part_queries(form: list[tuple[str, str]], frame: str, part: str) -> tuple[str, str]:
    """A part's rows, plain and with the BOM on the first header (CSV); the part is a literal, as COPY takes no
    parameters."""
    plain, with_bom = (
        sql("publication/part_rows", fragments={"columns": select_list(c), "part": quote_literal(part)}, frame=frame)
        for c in (form, bom_first(form))
    )
    return plain, with_bom


def in_force(con, source: str) -> list[dict]:
    """The parts of a source's whole set in force after this publication, as the day's manifest lists them."""
    return [
        {"source": source, "part": part, "folder": folder, "rows": rows, "files": json.loads(files)}
        for part, folder, files, rows in execute(con, "publication/parts_in_force", {"source": source}).fetchall()
    ]


def listed(folder: Path) -> list[dict] | None:
    """The parts a day's manifest lists as the whole set in force, or None if the day wrote no full set."""
    try:
        about = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return about.get("parts") if about.get("full_set") else None


def files_in_force(folder: Path, source: str, fmt: str = "csv") -> list[Path]:
    """The files that together are a source's whole set in force on a full-set day, in order (by decision month):
    what a consumer reads. Each part lies in the day folder that wrote it."""
    return [
        folder.parent / entry["folder"] / f["file"]
        for entry in listed(folder) or []
        if entry["source"] == source
        for f in entry["files"]
        if f["file"].endswith(f".{fmt}")
    ]
