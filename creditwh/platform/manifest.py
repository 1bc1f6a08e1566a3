"""A folder's manifest: the content fingerprint of each file written there, so a daily rewrite skips the files
whose content did not change.

The fingerprint is computed in SQL over the rows a file would hold (their count and an order-free sum of row
hashes) plus the layout (the query that writes it), so a changed header or label rewrites every file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from creditwh.platform.config import whole_rebuild
from creditwh.platform.outputs import atomic_write
from creditwh.platform.sql import execute

NAME = "_manifest.json"


def layout(*parts: str) -> str:
    """A short fingerprint of how a file is written (its query text, its format)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Refreshed:
    """What a table kept incrementally (by subject or by record) recomputed in one build."""

    rebuilt: bool  # built whole (first build, a new version, or a source rebuilt whole)
    recomputed: int  # units derived again (all of them when rebuilt)
    unit: str  # "subjects" or "records"

    def metadata(self) -> dict:
        return {f"{self.unit}_recomputed": self.recomputed, "rebuilt_whole": self.rebuilt}


def build_version(params: dict, *sql_texts: str) -> str:
    """The version a table kept incrementally is built under: its SQL, the policy parameters and the whole policy
    file (the events read the publicity regimes from the file, not from the parameters)."""
    from creditwh.platform.policy import load_policy

    return layout(
        *sql_texts,
        json.dumps(params, sort_keys=True, default=str),
        json.dumps(load_policy(), sort_keys=True, default=str),
    )


def read(folder: Path) -> dict[str, str]:
    """Relative path -> fingerprint of the files the last run wrote; empty if there is no readable manifest, or on a
    --rebuild (every file is then written again)."""
    if whole_rebuild():
        return {}
    try:
        return json.loads((folder / NAME).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no manifest (first run) or a damaged one: every file is written again


def write(folder: Path, files: dict[str, str], about: dict | None = None) -> Path:
    """Record the fingerprints (beside what else the folder's manifest says), after every file they describe is in
    place."""
    text = json.dumps({**(about or {}), "files": dict(sorted(files.items()))}, ensure_ascii=False, indent=1)
    return atomic_write(folder / NAME, lambda p: p.write_text(text, encoding="utf-8"))


def forget(folder: Path, relatives: list[str]) -> None:
    """Drop these files' fingerprints before they are written again: a run killed halfway must not leave a file
    beside a fingerprint of content it no longer holds (a later run with that content would then skip it)."""
    try:
        doc = json.loads((folder / NAME).read_text(encoding="utf-8"))
        files = doc["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # nothing recorded, nothing to skip
    if files.keys() & set(relatives):
        doc["files"] = {k: v for k, v in files.items() if k not in relatives}
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        atomic_write(folder / NAME, lambda p: p.write_text(text, encoding="utf-8"))


def content(con, table: str, form: str) -> tuple[int, str]:
    """A table's rows and the fingerprint of a file written from it in this form (see layout)."""
    cursor = execute(con, "platform/content_fingerprint", table=table)
    row = cursor.fetchone() if cursor is not None else None
    assert row is not None  # an aggregate: always one row
    rows, digest = row
    return rows, f"{rows}:{digest}:{form}"


def unchanged(folder: Path, previous: dict[str, str], relative: str, fingerprint: str) -> bool:
    """The file is on disk and the last run wrote it from the same content."""
    return previous.get(relative) == fingerprint and (folder / relative).is_file()
