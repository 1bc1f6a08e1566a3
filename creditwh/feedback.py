"""触发反馈文件: one CSV per initiating department and month, what the bureau sends back (docs/feedback_format.md)."""

from __future__ import annotations

import re
from pathlib import Path

from creditwh.outputs import BOM, copy_query
from creditwh.sql import execute, quote_identifier, quote_literal, select_list, sql

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
    "measure_name": "采取的措施",
    "legal_basis": "措施依据",
    "outcome": "反馈结果",
}


def write_feedback_files(con, out_dir: Path) -> dict[str, int]:
    """Rewrite out_dir/<YYYY-MM>/<department>.csv (UTF-8 with BOM, so Excel opens it); rows per file.

    Each file is a DuckDB COPY: at a province's scale the feedback is tens of millions of rows (every
    restricted award times the entries that restricted it), too much to hold in a Python frame."""
    execute(con, "publish/feedback_rows")
    columns = select_list([(quote_identifier(c), BOM + h if i == 0 else h) for i, (c, h) in enumerate(HEADERS.items())])
    written: dict[str, int] = {}
    for department, period, rows in execute(con, "publish/feedback_groups").fetchall():
        folder = out_dir / period.strftime("%Y-%m")
        target = folder / (re.sub(r'[\\/:*?"<>|\s]+', "_", department or "未注明发起部门") + ".csv")
        query = sql("publish/feedback_file", fragments={
            "columns": columns, "period": quote_literal(period.isoformat()),
            "department": "null" if department is None else quote_literal(department)})
        copy_query(con, query, target, "csv")
        written[str(target.relative_to(out_dir))] = rows
    return written
