"""触发反馈文件: one CSV per initiating department and month, what the bureau sends back (docs/feedback_format.md)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from creditwh.sql import execute

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
BUSINESS_ZH = {"procurement": "政府采购", "subsidy": "财政补助", "policy_support": "政策扶持", "ppp": "PPP"}


def write_feedback_files(con, out_dir: Path) -> dict[str, int]:
    """Rewrite out_dir/<YYYY-MM>/<department>.csv (UTF-8 with BOM, so Excel opens it); rows per file."""
    frame = execute(con, "marts/feedback_rows").pl()
    written: dict[str, int] = {}
    for (department, period), rows in frame.group_by(["initiating_department", "period"], maintain_order=True):
        folder = out_dir / period.strftime("%Y-%m")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (re.sub(r'[\\/:*?"<>|\s]+', "_", department or "未注明发起部门") + ".csv")
        table = rows.with_columns(rows["business"].replace_strict(BUSINESS_ZH, default=None)).select(list(HEADERS))
        table = table.rename(HEADERS)
        tmp = target.with_suffix(".csv.tmp")
        with open(tmp, "wb") as fh:
            fh.write("\ufeff".encode())
            table.write_csv(fh)
        os.replace(tmp, target)
        written[str(target.relative_to(out_dir))] = rows.height
    return written
