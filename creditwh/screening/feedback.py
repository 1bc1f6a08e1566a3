"""触发反馈文件: what the bureau sends back to each initiating department, a month's file and then dated supplements
(补充反馈) for what was learnt of that month later. A file sent is final (docs/feedback_format.md).

publish.feedback_sent keeps every row sent, with its file and day, so a run sends the mart's rows minus the rows
already sent (a keyed, hashed comparison in SQL; no file is read back). A file is written under a hidden staging
name, the run's record is committed, and only then is the file renamed into place; a run killed before the commit
leaves a staging file the next run removes (and sends again, since nothing was recorded), one killed after it a
staging file the next run renames into place. So a supplement is neither lost nor sent twice.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from creditwh.platform import config, manifest
from creditwh.platform.outputs import bom_first, copy_query
from creditwh.platform.policy import feedback_month_closes_after_days
from creditwh.platform.sql import execute, quote_identifier, quote_literal, raw_text, select_list, sql
from creditwh.platform.warehouse import write_transaction

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
# a supplement's rows also say how each stands to what was sent before
SUPPLEMENT_HEADERS = {**HEADERS, "change_label": "变更类型", "earlier_file_name": "原反馈文件"}
SUPPLEMENT = "补充反馈"
# the queries an entry month's fingerprint is taken by: a change to one takes every fingerprint afresh
FINGERPRINTED = ("screening/feedback_rows", "screening/feedback_hashed", "screening/feedback_entry_months_fresh")
STAGED = ".partial-"


@dataclass
class FeedbackFiles:
    rows: dict[str, int] = field(default_factory=dict)  # the files this run sent (relative path -> rows)
    supplements: list[str] = field(default_factory=list)  # of them, the supplements of a month already sent
    removed: list[str] = field(default_factory=list)  # running files of the earlier scheme, removed once


def write_feedback_files(con, out_dir: Path, as_of: date) -> FeedbackFiles:
    """Send the feedback of the months closed on `as_of` into out_dir/<YYYY-MM>/ (UTF-8 with BOM, so Excel opens
    it): <department>.csv the first time a department's month is sent, <department>_补充反馈_<as_of>.csv with the
    rows new, changed or withdrawn since. A run on a connection that can write: it records what it sent.

    Each file is a DuckDB COPY of the rows sent, never the whole month. A fingerprint of each list entry's month
    (publish.feedback_entry_months) picks the entries whose feedback changed; only their rows are compared with
    the rows sent. The fingerprints are kept from run to run (ops.feedback_entry_months_now), taken afresh for the
    subjects the mart recomputed since. So a day costs what changed, not the months' sizes."""
    execute(con, "screening/feedback_log_tables")
    _finish_killed_runs(con, out_dir)
    # --rebuild compares every entry's month with what was sent, not only those whose fingerprint moved
    params = {
        "as_of": as_of,
        "closes_after_days": feedback_month_closes_after_days(),
        "whole": config.whole_rebuild(),
        "queries_version": manifest.layout(*(raw_text(name) for name in FINGERPRINTED)),
    }
    execute(con, "screening/feedback_rows")
    execute(con, "screening/feedback_hashed")
    execute(con, "screening/feedback_entry_months_fresh", params)
    execute(con, "screening/feedback_changed_months", params)
    execute(con, "screening/feedback_keyed")
    execute(con, "screening/feedback_delta")
    batch, sent_files = execute(con, "screening/feedback_next_batch").fetchone()
    taken = set(sent_files)
    execute(con, "screening/feedback_run_files")
    result = FeedbackFiles()
    staged: list[tuple[Path, Path]] = []
    try:
        _stage_files(con, out_dir, as_of, taken, staged, result)
        write_transaction(con, lambda: execute(con, "screening/feedback_record", {"as_of": as_of, "batch": batch}))
    except BaseException:
        for staging, _ in staged:  # nothing recorded: the next run sends the same rows again
            staging.unlink(missing_ok=True)
        raise
    for staging, final in staged:
        _put_in_place(staging, final)
    result.removed = _retire_running_files(con, out_dir)
    return result


def _stage_files(con, out_dir: Path, as_of: date, taken: set[str], staged: list, result: FeedbackFiles) -> None:
    """Write each department's and month's rows to send under a hidden staging name, and list it for the record."""
    for department, period, rows, is_supplement in execute(con, "screening/feedback_groups").fetchall():
        relative = _relative(department, period, as_of if is_supplement else None, taken)
        taken.add(relative)
        final = out_dir / relative
        staging = final.with_name(f".{final.name}{STAGED}{uuid.uuid4().hex}")
        headers = SUPPLEMENT_HEADERS if is_supplement else HEADERS
        query = sql(
            "screening/feedback_file",
            fragments={
                "columns": select_list(bom_first([(quote_identifier(c), h) for c, h in headers.items()])),
                "period": quote_literal(period.isoformat()),
                "department": "null" if department is None else quote_literal(department),
            },
        )
        copy_query(con, query, staging, "csv")
        staged.append((staging, final))
        execute(
            con,
            "screening/feedback_run_file",
            {
                "file": relative,
                "department": department,
                "period": period,
                "kind": "supplement" if is_supplement else "main",
                "staged_as": staging.relative_to(out_dir).as_posix(),
                "row_count": rows,
            },
        )
        result.rows[relative] = rows
        if is_supplement:
            result.supplements.append(relative)


def _relative(department: str | None, period: date, supplement_day: date | None, taken: set[str]) -> str:
    """A month's main file, or a supplement named for its day (with a number if that day already has one)."""
    stem = f"{period:%Y-%m}/{_file_name(department)}"
    if supplement_day is None:
        return f"{stem}.csv"
    name, number = f"{stem}_{SUPPLEMENT}_{supplement_day.isoformat()}", 1
    while f"{name}.csv" in taken:
        number += 1
        name = f"{stem}_{SUPPLEMENT}_{supplement_day.isoformat()}_{number}"
    return f"{name}.csv"


def _finish_killed_runs(con, out_dir: Path) -> None:
    """A staging file whose run's record was committed is renamed into place; any other is removed."""
    for staging in sorted(out_dir.glob(f"*/.*{STAGED}*")):
        row = execute(
            con, "screening/feedback_staged", {"staged_as": staging.relative_to(out_dir).as_posix()}
        ).fetchone()
        if row:
            _put_in_place(staging, out_dir / row[0])
        else:
            staging.unlink(missing_ok=True)


def _put_in_place(staging: Path, final: Path) -> None:
    os.replace(staging, final)  # a file of the earlier scheme's is replaced (see _retire_running_files)


def _retire_running_files(con, out_dir: Path) -> list[str]:
    """The earlier scheme kept every month's file, the open month's too, in step with the mart (its manifest
    lists them). Once, those not sent as final files are removed: what the folder holds is what was sent."""
    earlier = manifest.read(out_dir)
    if not earlier:
        return []
    _, sent = execute(con, "screening/feedback_next_batch").fetchone()
    removed = sorted(set(earlier) - set(sent))
    for relative in removed:
        (out_dir / relative).unlink(missing_ok=True)
    (out_dir / manifest.NAME).unlink(missing_ok=True)
    return removed


def _file_name(department: str | None) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", department or "未注明发起部门")
