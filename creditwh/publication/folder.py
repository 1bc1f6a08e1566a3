"""A publication folder appears whole or not at all, and says so itself.

Every file of a day's publication is written into a hidden staging folder beside the final one. The manifest
(files, row counts, sha256) is written last, and only then is the folder renamed into place. A run killed halfway
leaves a hidden `.partial` folder, which the next publication removes: nobody can upload half a publication. A
folder without its manifest.json is, visibly, not a publication.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass
class StagedFolder:
    final: Path
    path: Path  # where files are written until the folder is renamed into place
    entries: list[dict] = field(default_factory=list)

    def add(self, written: list[Path] | Path, rows: int, role: str) -> list[Path]:
        """Record written files (in the staging folder) for the manifest; return their final paths."""
        written = [written] if isinstance(written, Path) else written
        for path in written:
            self.entries.append({"file": path.name, "role": role, "rows": rows})
        return [self.final / p.name for p in written]

    def _write_manifest(self, about: dict) -> None:
        for entry in self.entries:
            path = self.path / entry["file"]
            entry["bytes"] = path.stat().st_size
            entry["sha256"] = _sha256(path)
        manifest = {
            "说明": "本文件最后写入：文件夹内缺少 manifest.json 即表示发布未完成，请勿上传 / written last: a folder "
            "without it is an incomplete publication, do not upload it",
            **about,
            "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "files": self.entries,
        }
        (self.path / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


@contextmanager
def staged_folder(final: Path, about: dict | None = None) -> Iterator[StagedFolder]:
    """Write a publication into a hidden folder, then rename it over `final` once its manifest is written."""
    final.parent.mkdir(parents=True, exist_ok=True)
    recover(final)
    stage = StagedFolder(final, final.parent / f".{final.name}.partial-{os.getpid()}")
    shutil.rmtree(stage.path, ignore_errors=True)
    stage.path.mkdir()
    try:
        yield stage
        stage._write_manifest(about or {})
        _swap(stage.path, final)
    finally:
        shutil.rmtree(stage.path, ignore_errors=True)


def recover(final: Path) -> None:
    """Undo what a killed run left: its staging folders, and a swap it did not finish (the previous folder moved
    aside, the new one not yet in place) by putting the previous folder back."""
    for stray in final.parent.glob(f".{final.name}.partial-*"):
        shutil.rmtree(stray, ignore_errors=True)
    previous = _previous(final)
    if previous.exists():
        if final.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, final)


def _swap(staged: Path, final: Path) -> None:
    # Two renames: a crash between them leaves no folder and the previous one aside, which recover() restores.
    previous = _previous(final)
    if final.exists():
        os.replace(final, previous)
    os.replace(staged, final)
    shutil.rmtree(previous, ignore_errors=True)


def _previous(final: Path) -> Path:
    return final.parent / f".{final.name}.previous"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
