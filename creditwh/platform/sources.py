"""The registry of landing sources: their field tables, canonical columns and raw tables.

Field tables live in `creditwh/platform/fields/` (copied from the domain reference), so the column set of every
source is data, not code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIELDS_DIR = Path(__file__).parent / "fields"


@dataclass(frozen=True)
class Field:
    code: str
    name_zh: str
    canonical: str
    required: str = "no"
    notes: str = ""
    # 双公示, how the column is published: "mask" (a personal ID, masked), "document_number" (public, may look like
    # an ID), "code" (a registration code, published as it is), "date" (YYYY/MM/DD, 长期 as 2099/12/31),
    # "status_code" (当前状态 as 1/2), "amount" (万元, no trailing zeros)
    publication: str = ""
    # 双公示: the header exactly as the national template writes it (REFERENCE §3 "Publication form"), e.g. the long
    # form 行政相对人代码_1（统一社会信用代码） of the USCC column; empty for sources that are not published
    template_header: str = ""
    # 填报模板: the value of the filled example row of `creditwh templates` (creditwh/ingest/fill_in_templates.py)
    example: str = ""


@dataclass(frozen=True)
class Source:
    name: str  # landing folder and raw table name
    title_zh: str
    field_file: str
    key_column: str  # the business key of a record (decision or case number)
    unit_column: str  # who delivered it and must correct it (数据来源单位 or 经办单位)

    @property
    def fields(self) -> tuple[Field, ...]:
        return _read_fields(self.field_file)

    @property
    def old_fields(self) -> tuple[Field, ...]:
        """Fields of the 2015/16 template (licenses and penalties only)."""
        return tuple(f for src, f in _old_template() if src == self.name)

    @property
    def columns(self) -> tuple[str, ...]:
        """Canonical raw columns: the current template's, then those only the old template has."""
        current = [f.canonical for f in self.fields]
        extra = [f.canonical for f in self.old_fields if f.canonical not in current]
        return tuple(dict.fromkeys(current + extra))

    @property
    def raw_table(self) -> str:
        return f"raw.{self.name}"

    @property
    def staging_table(self) -> str:
        return f"staging.{self.name}"


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("licenses", "行政许可", "license_fields.csv", "decision_doc_no", "source_unit"),
        Source("penalties", "行政处罚", "penalty_fields.csv", "decision_doc_no", "source_unit"),
        Source("procurement", "政府采购", "procurement_fields.csv", "project_code", "source_unit"),
        Source(
            "upstream_lists", "联合奖惩名单", "upstream_list_fields.csv", "decision_doc_no", "initiating_department"
        ),
        Source("repairs", "信用修复", "repair_fields.csv", "case_no", "handled_by"),
        Source("objections", "异议申诉", "objection_fields.csv", "case_no", "handled_by"),
        Source("applications", "财政补助与政策扶持申请", "application_fields.csv", "application_no", "source_unit"),
        Source("commitments", "信用承诺", "commitment_fields.csv", "commitment_no", "accepting_unit"),
    )
}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        raise ValueError(f"未知数据源 / unknown source: {name!r}; expected one of {sorted(SOURCES)}") from None


@cache
def _read_fields(file_name: str) -> tuple[Field, ...]:
    with open(FIELDS_DIR / file_name, encoding="utf-8", newline="") as fh:
        return tuple(
            Field(
                r["code"],
                r["name_zh"],
                r["canonical"],
                r.get("required") or "no",
                r.get("notes") or "",
                r.get("publication") or "",
                r.get("template_header") or "",
                r.get("example") or "",
            )
            for r in csv.DictReader(fh)
        )


@cache
def _old_template() -> tuple[tuple[str, Field], ...]:
    with open(FIELDS_DIR / "old_template_fields.csv", encoding="utf-8", newline="") as fh:
        return tuple(
            (r["source"], Field(r["code"], r["name_zh"], r["canonical"], "no", r.get("notes") or ""))
            for r in csv.DictReader(fh)
        )


@cache
def header_aliases() -> tuple[tuple[str, str, str], ...]:
    """(source, header, canonical) for header spellings that are neither the short name nor the code."""
    with open(FIELDS_DIR / "header_aliases.csv", encoding="utf-8", newline="") as fh:
        return tuple((r["source"], r["header"], r["canonical"]) for r in csv.DictReader(fh))
