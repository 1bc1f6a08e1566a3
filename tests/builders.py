"""Small builders for landing files, so each test shows only what matters to it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter

from creditwh.sources import get_source

PENALTY = {
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": "91350100M000100Y43",
    "legal_rep": "林建华",
    "decision_doc_no": "榕鼓财罚〔2026〕12号",
    "violation_type": "政府采购违法",
    "violation_facts": "提供虚假材料谋取中标",
    "legal_basis": "《中华人民共和国政府采购法》第七十七条",
    "penalty_categories": "罚款",
    "penalty_content": "罚款人民币2000元",
    "fine_10k_yuan": "0.2",
    "decision_date": "2026-10-09",
    "penalty_valid_to": "2027-10-09",
    "authority": "福州市鼓楼区财政局",
    "authority_uscc": "11350102003611234X",
    "source_unit": "鼓楼区财政局政府采购监管科",
    "source_unit_uscc": "11350102003611234X",
}


def penalty(**overrides) -> dict:
    return {**PENALTY, **overrides}


def headers(source: str, style: str = "chinese") -> dict[str, str]:
    """canonical -> header in the given style: chinese | field_code | canonical."""
    out = {}
    for f in get_source(source).fields:
        out[f.canonical] = {"chinese": f.name_zh, "field_code": f.code, "canonical": f.canonical}[style]
    return out


def write_csv(path: Path, rows: list[dict], header_names: dict[str, str] | None = None,
              encoding: str = "utf-8", extra_lines: list[str] | None = None) -> Path:
    """Write rows under the given headers (canonical -> header text); extra_lines are appended raw."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(rows[0]) if rows else list(header_names or {})
    names = header_names or {c: c for c in columns}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([names.get(c, c) for c in columns])
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    for line in extra_lines or []:
        buf.write(line + "\n")
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict], header_names: dict[str, str], title_rows: list[str] = (),
               sheet: str = "Sheet1") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    r = 0
    for title in title_rows:
        ws.write(r, 0, title)
        r += 1
    columns = list(rows[0])
    ws.write_row(r, 0, [header_names.get(c, c) for c in columns])
    for row in rows:
        r += 1
        ws.write_row(r, 0, [row.get(c) for c in columns])
    wb.close()
    return path
