"""Red and black list publications (红黑名单公示) and their correction notices (更正/撤销公告), for the city platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from creditwh.outputs import write_formats
from creditwh.publication import refuse_unmasked
from creditwh.sql import execute

# column -> published header; the SQL keeps English names so analysts can query the same shape
HEADERS = {
    "entry_id": "名单记录编号",
    "subject_name": "主体名称",
    "subject_code": "统一社会信用代码/证件号码",
    "subject_type": "主体类别",
    "basis": "列入依据",
    "basis_doc_no": "依据文书号",
    "entered_on": "列入日期",
    "published_on": "公示日期",
    "measures": "惩戒/激励措施",
    "status": "状态",
    "exit_on": "移出日期",
    "exit_reason": "移出原因",
    "policy_version": "规则版本",
    "notice_type": "公告类型",
    "case_no": "异议案号",
    "channel": "原公示渠道",
    "record_doc_no": "原记录文书号",
    "first_published": "原公示日期",
    "decided_on": "核查决定日期",
    "content": "公告内容",
}
PUBLICATIONS = {
    "black_list": ("publish/black_list", "黑名单"),
    "red_list": ("publish/red_list", "红名单"),
    "list_notices": ("publish/list_notices", "更正撤销公告"),
}


@dataclass
class ListPublication:
    name: str
    rows: int
    files: list[Path]


def list_frames(con, as_of: date) -> dict[str, pl.DataFrame]:
    """Each publication as of a day, with English column names."""
    execute(con, "publish/log_tables")  # the notices read which records the 双公示 files have shown
    return {name: execute(con, query, {"as_of": as_of}).pl() for name, (query, _) in PUBLICATIONS.items()}


def publish_lists(con, as_of: date, out_dir: Path) -> list[ListPublication]:
    """Write the black list, the red list and the notices into out_dir/<as_of>/ (CSV with BOM, JSON Lines, xlsx)."""
    frames = list_frames(con, as_of)
    for name, frame in frames.items():
        con.register(f"list_{name}", frame)
    try:
        refuse_unmasked(con, {name: f"list_{name}" for name in frames})  # nothing is written if a number would leak
    finally:
        for name in frames:
            con.unregister(f"list_{name}")
    folder = out_dir / as_of.isoformat()
    results = []
    for name, frame in frames.items():
        labelled = frame.with_columns(pl.col(pl.Date).cast(pl.String)).rename({c: HEADERS[c] for c in frame.columns})
        results.append(ListPublication(name, frame.height, write_formats(labelled, folder, name, PUBLICATIONS[name][1])))
    return results
