"""触发反馈文件: one CSV per initiating department and month, what the bureau sends back (docs/feedback_format.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from creditwh.platform import manifest
from creditwh.platform.outputs import bom_first, copy_query
from creditwh.platform.sql import execute, quote_identifier, quote_literal, raw_text, select_list, sql

HEADERS = {
    "initiating_department": "发起部门",
    "period": "反馈期间",
    "list_type": "名单类型",
    "record_doc_no": "认定文书号",
    "subject_name": "主体名称",
    "subject_key": "主体标识",
    "business": "业务类型",
    "reference": "业务编号",
    "title": "业务名称",
    "screening_date": "核查日期",
    "measure_id": "措施编号",
    # the measure that applies to the subject; whether it was applied is the 反馈结果 (an 应限未限 alert is not)
    "measure_name": "适用措施",
    "legal_basis": "措施依据",
    "business_outcome": "业务办理结果",
    "outcome": "反馈结果",
}


@dataclass
class FeedbackFiles:
    rows: dict[str, int]  # every file in force (relative path -> rows)
    rewritten: list[str]  # the files whose content changed since the last run, written again
    removed: list[str]  # files of an earlier run whose department and month no longer have feedback


def write_feedback_files(con, out_dir: Path) -> FeedbackFiles:
    """Keep out_dir/<YYYY-MM>/<department>.csv (UTF-8 with BOM, so Excel opens it) in step with the feedback mart.

    Each file is a DuckDB COPY: at a province's scale the feedback is tens of millions of rows (every
    restricted award times the entries that restricted it), too much to hold in a Python frame. Only files whose
    content changed are written (a day's awards touch the current month, not last year's files): the manifest
    holds each file's fingerprint."""
    execute(con, "screening/feedback_rows")
    columns = select_list(bom_first([(quote_identifier(c), h) for c, h in HEADERS.items()]))
    form = manifest.layout(
        sql("screening/feedback_rows"),
        sql("screening/feedback_file", fragments={"columns": columns, "period": "", "department": ""}),
        raw_text("platform/copy_csv"),  # how a CSV is written (its formula guard) is part of the file
    )
    previous = manifest.read(out_dir)
    current: dict[str, str] = {}
    result = FeedbackFiles({}, [], [])
    for department, period, rows, content in execute(con, "screening/feedback_groups").fetchall():
        relative = f"{period:%Y-%m}/{_file_name(department)}.csv"
        current[relative] = f"{rows}:{content}:{form}"
        result.rows[relative] = rows
        if manifest.unchanged(out_dir, previous, relative, current[relative]):
            continue
        query = sql(
            "screening/feedback_file",
            fragments={
                "columns": columns,
                "period": quote_literal(period.isoformat()),
                "department": "null" if department is None else quote_literal(department),
            },
        )
        copy_query(con, query, out_dir / relative, "csv")
        result.rewritten.append(relative)
    for relative in sorted(previous.keys() - current.keys()):
        (out_dir / relative).unlink(missing_ok=True)
        result.removed.append(relative)
    manifest.write(out_dir, current)
    return result


def _file_name(department: str | None) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", department or "未注明发起部门")
