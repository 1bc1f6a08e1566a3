"""The declarative row rules: one CSV, read and checked here, used by the validator and by GE."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from creditwh.platform.sources import SOURCES

RULES_FILE = Path(__file__).parent / "rules.csv"
KINDS = {
    "required",
    "required_one_of",
    "enum",
    "enum_multi",
    "uscc",
    "uscc_list",
    "org_code",
    "id_number",
    "date",
    "date_order",
    "number",
    "non_negative",
    "amount_unit",
    "unique_in_file",
    "same_day_conflict",
    "on_time",
    "no_control_chars",
    "no_id_in_text",
    "excel_number",
    "plain_code",
}
# the check a code in Excel's number form is read against (it is a real code if it passes)
EXCEL_NUMBER_CHECKS = {"uscc", "id_number"}
SEVERITIES = {"reject", "warn"}
# Columns every staged row has besides the source's own (usable as the later side of date_order).
ROW_COLUMNS = {"reporting_date", "record_key"}


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    field: str
    kind: str
    severity: str
    category: str
    message_zh: str
    message_en: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        rules = tuple(
            Rule(
                id=r["id"],
                source=r["source"],
                field=r["field"],
                kind=r["kind"],
                severity=r["severity"],
                category=r["category"],
                message_zh=r["message_zh"],
                message_en=r["message_en"],
                params=json.loads(r["params"]) if r["params"] else {},
            )
            for r in csv.DictReader(fh)
        )
    problems = list(_problems(rules))
    if problems:
        raise ValueError("quality/rules.csv is inconsistent:\n  " + "\n  ".join(problems))
    return rules


def rules_for(source: str) -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.source == source)


def _problems(rules: tuple[Rule, ...]):
    seen = set()
    for r in rules:
        if r.id in seen:
            yield f"{r.id}: duplicate id"
        seen.add(r.id)
        if r.source not in SOURCES:
            yield f"{r.id}: unknown source {r.source}"
            continue
        columns = set(SOURCES[r.source].columns) | ROW_COLUMNS
        referenced = [r.field, *r.params.get("fields", []), *r.params.get("key", [])]
        for extra in ("later", "text_field"):
            if extra in r.params:
                referenced.append(r.params[extra])
        if "when" in r.params:
            referenced.append(r.params["when"]["field"])
        for f in referenced:
            if f not in columns:
                yield f"{r.id}: {r.source} has no field {f}"
        if r.kind not in KINDS:
            yield f"{r.id}: unknown kind {r.kind}"
        if r.kind == "excel_number" and r.params.get("check") not in EXCEL_NUMBER_CHECKS:
            yield f"{r.id}: excel_number needs a check of {sorted(EXCEL_NUMBER_CHECKS)}"
        if r.severity not in SEVERITIES:
            yield f"{r.id}: severity must be reject or warn"
        if not r.message_zh or not r.message_en:
            yield f"{r.id}: a message in Chinese and in English is required"
