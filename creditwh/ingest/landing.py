"""Landing files: discovery, checksums, encoding detection and header-row detection.

Pure functions on files, so they are tested without DuckDB or Dagster.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from creditwh.ingest.headers import HeaderMap, map_headers

DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
READABLE_SUFFIXES = (".csv", ".xlsx")
HEADER_SEARCH_ROWS = 10  # government sheets put a title row or two above the header; never more than a few
MIN_MAPPED_HEADERS = 2
_CHUNK = 1 << 22


# what Windows Explorer leaves in a shared folder: never a delivery
SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


def is_data_file(path: Path) -> bool:
    """Skip hidden files, Excel's `~$` lock files and Windows' folder files: they are not deliveries."""
    return path.is_file() and not path.name.startswith((".", "~$")) and path.name.lower() not in SYSTEM_FILES


def is_bookkeeping_folder(path: Path) -> bool:
    """Folders starting with `_` or `.` (the sample generator's `_manifest/`, a `.git`) hold no deliveries."""
    return path.is_dir() and path.name.startswith(("_", "."))


def partition_folders(landing_root: Path, source: str) -> dict[str, Path]:
    """Date folders (YYYY-MM-DD) under landing/<source>/ that are real dates."""
    base = landing_root / source
    if not base.is_dir():
        return {}
    out = {}
    for child in sorted(base.iterdir()):
        if child.is_dir() and DATE_FOLDER.match(child.name):
            try:
                date.fromisoformat(child.name)
            except ValueError:
                continue
            out[child.name] = child
    return out


def list_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.rglob("*") if is_data_file(p)), key=lambda p: p.as_posix())


def folder_fingerprint(folder: Path) -> str:
    """Changes when a file is added, removed, replaced or rewritten: cheap, no file content read."""
    h = hashlib.sha256()
    for p in list_files(folder):
        st = p.stat()
        h.update(f"{p.relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


BLANK_BYTES = b" \t\r\n\x0b\x0c"


def is_blank_file(path: Path) -> bool:
    """Zero bytes, or nothing but a UTF-8 BOM and whitespace: an export that wrote no header and no record.

    Read in small chunks: an ordinary file is told apart by its first bytes."""
    with open(path, "rb") as fh:
        first = fh.read(1 << 16).removeprefix(codecs.BOM_UTF8)
        if first.strip(BLANK_BYTES):
            return False
        return all(not chunk.strip(BLANK_BYTES) for chunk in iter(lambda: fh.read(1 << 16), b""))


def detect_encoding(path: Path) -> str | None:
    """utf-8-sig, utf-8 or gb18030, decided by strict decoding of the whole file; None if neither fits.

    UTF-8 is tried first because valid multi-byte UTF-8 Chinese is almost never valid GB18030 of the same
    length by accident, while GB18030 accepts many byte strings; so the order matters.
    """
    with open(path, "rb") as fh:
        head = fh.read(3)
    candidates = ["utf-8-sig"] if head == codecs.BOM_UTF8 else ["utf-8", "gb18030"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(_CHUNK), b""):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> Path:
    """Stream a GB18030 file into UTF-8, which DuckDB's CSV reader reads natively."""
    with open(path, encoding=encoding, newline="") as src, open(target, "w", encoding="utf-8", newline="") as dst:
        for chunk in iter(lambda: src.read(_CHUNK), ""):
            dst.write(chunk)
    return target


def has_mixed_line_endings(path: Path) -> bool:
    """Both CRLF and a bare LF end lines in the file."""
    crlf = bare_lf = False
    with open(path, "rb") as fh:
        previous = b""
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            block = previous + chunk
            crlf = crlf or b"\r\n" in block
            bare_lf = bare_lf or block.count(b"\n") > block.count(b"\r\n")
            if crlf and bare_lf:
                return True
            previous = b"\r" if chunk.endswith(b"\r") else b""  # a CRLF split across chunks
    return False


def with_lf_line_endings(path: Path, target: Path) -> Path:
    """The file with every CRLF as LF (streamed; a CR split across chunks is carried over)."""
    with open(path, "rb") as src, open(target, "wb") as dst:
        carry = b""
        for chunk in iter(lambda: src.read(_CHUNK), b""):
            block = carry + chunk
            carry = b"\r" if block.endswith(b"\r") else b""
            dst.write(block[: len(block) - len(carry)].replace(b"\r\n", b"\n"))
        dst.write(carry)
    return target


def read_head_text(path: Path, encoding: str, limit: int = 1 << 16) -> str:
    with open(path, encoding=encoding, newline="", errors="replace") as fh:
        return fh.read(limit)


def sniff_delimiter(head: str) -> str:
    first = head.splitlines()[0] if head else ""
    return max((",", "\t", "|", ";"), key=first.count) if first else ","


def first_rows(head: str, delimiter: str, n: int = HEADER_SEARCH_ROWS) -> list[list[str]]:
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= n:
                break
    except csv.Error:
        pass
    return rows


@dataclass(frozen=True)
class HeaderRow:
    index: int  # 0-based row index of the header within the first rows
    header_map: HeaderMap


def find_header(source: str, rows: list[list[object]]) -> HeaderRow | None:
    """The row among the first few that maps the most headers (title rows map none)."""
    best: HeaderRow | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()  # trailing empty cells of a wide sheet are not columns
        hm = map_headers(source, cells)
        if hm.mapped >= MIN_MAPPED_HEADERS and (best is None or hm.mapped > best.header_map.mapped):
            best = HeaderRow(i, hm)
    return best
