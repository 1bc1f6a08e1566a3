"""A publication folder appears whole or not at all, says so itself, and never runs ahead of or behind its history.

Every file of a day's publication is written into a hidden staging folder beside the final one
(`.<day>.partial-<token>`). Then, in this order:
1. the manifest (files, row counts, sha256) is written last into it;
2. the caller commits its publication history together with the folder's token (`commit`);
3. the folder is renamed into place (replacing an earlier run's folder of the same day).

A run killed before 2 leaves a staging folder whose token the history does not know: the next publication removes
it, and the history is as it was. A run killed after 2 leaves one the history knows: the next publication finishes
the rename. So the files the public can take and the history the next day's changes are computed from always
agree. A folder without its manifest.json is, visibly, not a publication.

Files whose content did not change since an earlier publication are not written again: the manifest keeps each
file's content fingerprint (creditwh/platform/manifest.py), and a day whose content is the same hard-links the
earlier folder's files into its own (same bytes, nothing written, no space taken), so every day's folder stays
whole on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from creditwh.platform import config

MANIFEST = "manifest.json"
PARTIAL = ".partial-"
PREVIOUS = ".previous"


@dataclass
class StagedFolder:
    final: Path
    path: Path  # where files are written until the folder is renamed into place
    entries: list[dict] = field(default_factory=list)

    @property
    def token(self) -> str:
        """The staging folder's own name: what the history records with the commit."""
        return self.path.name

    def add(self, written: list[Path] | Path, rows: int, role: str, fingerprint: str | None = None) -> list[Path]:
        """Record written files (in the staging folder) for the manifest, with the fingerprint of the content they
        were written from; return their final paths."""
        written = [written] if isinstance(written, Path) else written
        for path in written:
            entry = {"file": path.name, "role": role, "rows": rows}
            if fingerprint is not None:
                entry["fingerprint"] = fingerprint
            self.entries.append(entry)
        return [self.final / p.name for p in written]

    def carry(self, earlier: Path | None, fingerprint: str) -> list[Path] | None:
        """Take over, as hard links, the files an earlier publication folder wrote from the same content (the same
        fingerprint in its manifest), with their manifest entries; return their final paths, or None when there is
        nothing whole to take over (then the caller writes them), as on a --rebuild."""
        if config.whole_rebuild():
            return None
        entries = [e for e in read_manifest(earlier) if e.get("fingerprint") == fingerprint]
        if not entries or not all(_intact(earlier / e["file"], e) for e in entries):
            return None
        for entry in entries:
            _link(earlier / entry["file"], self.path / entry["file"])
            self.entries.append(dict(entry))  # its bytes and sha256 too: the file is not read again
        return [self.final / e["file"] for e in entries]

    def staged(self, paths: list[Path]) -> list[Path]:
        """Final paths as they are while still in the staging folder (to read them back before the rename)."""
        return [self.path / p.name for p in paths]

    def _write_manifest(self, about: dict) -> None:
        for entry in self.entries:
            if "sha256" in entry:  # carried from an earlier folder, unchanged
                continue
            path = self.path / entry["file"]
            entry["bytes"] = path.stat().st_size
            if "sha256" not in entry:  # a caller that hashed the file already (a part of the whole set)
                entry["sha256"] = sha256(path)
        manifest = {
            "说明": "本文件最后写入：文件夹内缺少 manifest.json 即表示发布未完成，请勿上传 / written last: a folder "
            "without it is an incomplete publication, do not upload it",
            **about,
            "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            # by name: a folder with the same files has the same manifest, whether they were written or carried
            "files": sorted(self.entries, key=lambda e: e["file"]),
        }
        (self.path / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


@contextmanager
def staged_folder(
    final: Path,
    about: dict | None = None,
    commit: Callable[[str], None] | None = None,
    committed: Callable[[str], bool] = lambda token: False,
) -> Iterator[StagedFolder]:
    """Write a publication into a hidden folder; once the body returns, write its manifest, call commit(token)
    (the caller's history, with the token), and rename the folder over `final`. `committed(token)` tells whether
    a staging folder an earlier run left was committed (see recover)."""
    recover(final.parent, committed)
    stage = StagedFolder(final, final.parent / f".{final.name}{PARTIAL}{uuid.uuid4().hex}")
    stage.path.mkdir(parents=True)
    try:
        yield stage
        stage._write_manifest(about or {})
        if commit is not None:
            commit(stage.token)
        _swap(stage.path, final)
    finally:
        shutil.rmtree(stage.path, ignore_errors=True)  # gone after the rename; a failed run's files otherwise


def recover(out_dir: Path, committed: Callable[[str], bool] = lambda token: False) -> None:
    """Finish or undo what killed runs left in out_dir, for every day: a staging folder whose commit happened is
    renamed into place, any other is removed; a day folder moved aside by an unfinished swap is put back."""
    if not out_dir.is_dir():
        return
    for partial in sorted(out_dir.glob(f".*{PARTIAL}*")):
        day = partial.name[1:].split(PARTIAL)[0]
        if (partial / MANIFEST).is_file() and committed(partial.name):
            _swap(partial, out_dir / day)
        else:
            shutil.rmtree(partial, ignore_errors=True)
    for previous in sorted(out_dir.glob(f".*{PREVIOUS}")):
        day = out_dir / previous.name[1:].removesuffix(PREVIOUS)
        if day.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, day)


def last_publication(out_dir: Path, on_or_before: date) -> Path | None:
    """The folder of the latest publication in out_dir dated on or before a day (a complete one: with its
    manifest), or None."""
    days = []
    for path in out_dir.glob("*/" + MANIFEST) if out_dir.is_dir() else []:
        try:
            day = date.fromisoformat(path.parent.name)
        except ValueError:
            continue  # a staging or set-aside folder, or something else
        if day <= on_or_before:
            days.append((day, path.parent))
    return max(days)[1] if days else None


def read_manifest(folder: Path | None) -> list[dict]:
    """A publication folder's manifest entries (file, role, rows, bytes, sha256, fingerprint); empty if none."""
    if folder is None:
        return []
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def differ_from_manifest(folder: Path, files: list[Path]) -> list[str]:
    """The files (in folder) whose bytes are not those its manifest hashed: missing, unlisted or changed. The
    manifest is written after the privacy guard read the files back, so an empty answer proves that what lies in
    place is what the guard read."""
    hashed = {e["file"]: e.get("sha256") for e in read_manifest(folder)}
    return [
        path.name
        for path in files
        if not path.is_file() or hashed.get(path.name) is None or sha256(path) != hashed[path.name]
    ]


def _intact(path: Path, entry: dict) -> bool:
    # still the file the manifest describes (a removed or truncated file is written again)
    try:
        return path.is_file() and path.stat().st_size == entry["bytes"] and "sha256" in entry
    except (OSError, KeyError):
        return False


def _link(source: Path, target: Path) -> None:
    # a hard link: the same bytes under the new folder, nothing written. A filesystem without links gets a copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap(staged: Path, final: Path) -> None:
    # Two renames: a crash between them leaves no folder and the previous one aside, which recover() restores.
    previous = final.parent / f".{final.name}{PREVIOUS}"
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        os.replace(final, previous)
    os.replace(staged, final)
    shutil.rmtree(previous, ignore_errors=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
