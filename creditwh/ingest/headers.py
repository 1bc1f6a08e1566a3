"""Header mapping: the many spellings of a column header in real deliveries, onto canonical names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from creditwh.platform.sources import get_source, header_aliases

# NFKC folds full-width brackets, letters, digits and the ideographic space; these it leaves alone.
_EXTRA_FOLD = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "\ufeff": None})
_BRACKETED = re.compile(r"^(.*?)[(\[](.*)[)\]]$")


def normalize_header(header: object) -> str:
    """Fold width, brackets, case and whitespace so that spellings of one header compare equal."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header)).translate(_EXTRA_FOLD)
    return re.sub(r"\s+", "", text).upper()


@dataclass(frozen=True)
class HeaderMap:
    headers: tuple[str, ...]  # as delivered
    columns: tuple[str, ...]  # canonical name, or "x__<header>" for a header that maps to nothing
    style: str  # chinese | field_code | old_template | mixed

    @property
    def mapped(self) -> int:
        return sum(not c.startswith("x__") for c in self.columns)

    @property
    def unmapped(self) -> tuple[str, ...]:
        return tuple(h for h, c in zip(self.headers, self.columns, strict=False) if c.startswith("x__"))


@cache
def _lookup(source_name: str) -> dict[str, tuple[str, str]]:
    """normalized header -> (canonical, kind), kind being code | zh | old_code."""
    source = get_source(source_name)
    table: dict[str, tuple[str, str]] = {}

    def add(header: str, canonical: str, kind: str) -> None:
        key = normalize_header(header)
        known = table.get(key)
        if known and known[0] != canonical:
            raise ValueError(f"{source_name}: header {header!r} maps to both {known[0]} and {canonical}")
        table.setdefault(key, (canonical, kind))

    current_codes = {f.code for f in source.fields}
    for f in source.fields:
        add(f.code, f.canonical, "code")
        add(f.name_zh, f.canonical, "zh")
        add(f.canonical, f.canonical, "code")
    for f in source.old_fields:
        add(f.code, f.canonical, "code" if f.code in current_codes else "old_code")
        add(f.name_zh, f.canonical, "zh")
    for src, header, canonical in header_aliases():
        if src == source_name:
            add(header, canonical, "zh")
    return table


def _resolve(source_name: str, header: object) -> tuple[str, str] | None:
    table = _lookup(source_name)
    key = normalize_header(header)
    if key in table:
        return table[key]
    # Long forms: "行政相对人代码_1（统一社会信用代码）" — try the bracketed name, then the part before it.
    m = _BRACKETED.match(key)
    if m:
        return table.get(m.group(2)) or table.get(m.group(1))
    return None


def map_headers(source_name: str, headers: list[object]) -> HeaderMap:
    """Map delivered headers to canonical columns; unknown or repeated headers are kept as extras."""
    columns: list[str] = []
    kinds: set[str] = set()
    seen: set[str] = set()
    for i, header in enumerate(headers):
        hit = _resolve(source_name, header)
        if hit and hit[0] not in seen:
            columns.append(hit[0])
            seen.add(hit[0])
            kinds.add(hit[1])
        else:
            label = str(header).strip() if header not in (None, "") else f"column_{i + 1}"
            columns.append(_unique(f"x__{label}", columns))
    if "old_code" in kinds:
        style = "old_template"
    elif kinds == {"zh"}:
        style = "chinese"
    elif kinds == {"code"}:
        style = "field_code"
    else:
        style = "mixed"
    return HeaderMap(tuple("" if h is None else str(h) for h in headers), tuple(columns), style)


def _unique(name: str, taken: list[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    return candidate
