"""The batch credit check before a decision, for the command line (creditwh check --batch) and the Dagster job
(credit_check_batch): the list is read as ingest reads a delivery, the checks and records are the credit domain's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from creditwh.credit.check_records import REGISTER, Checked, check_batch, write_outputs
from creditwh.ingest.check_list import read_check_list
from creditwh.platform import config
from creditwh.platform.warehouse import connect


def register_path() -> Path:
    """Where issued records are registered for `creditwh verify` (beside the batches' outputs)."""
    return config.data_dir() / "credit_checks" / REGISTER


@dataclass(frozen=True)
class BatchResult:
    book: Path
    folder: Path
    layout: str
    items: list[Checked]


def run_check_batch(
    path: Path,
    as_of: date,
    warehouse_file: Path | None = None,
    out: Path | None = None,
    business: str = "procurement",
    pdf: bool = True,
) -> BatchResult:
    asked, layout = read_check_list(path)
    queried_at = datetime.now().astimezone().replace(microsecond=0)
    with connect(warehouse_file or config.warehouse_path(), read_only=True) as con:
        items = check_batch(con, asked, as_of, business)
    folder = out or config.data_dir() / "credit_checks" / f"{as_of}_{queried_at:%Y%m%d-%H%M%S}"
    book = write_outputs(items, as_of, folder, register_path(), queried_at, pdf=pdf)
    return BatchResult(book, folder, layout, items)


def summary_lines(result: BatchResult) -> list[str]:
    """What the command line and the job's log say: a line per asked code, invalid and unknown ones as such."""
    from creditwh.credit.check_records import VERDICTS, _given

    lines = [f"核查结果 / batch result: {result.book}（{len(result.items)} 个代码，格式 {result.layout}）"]
    for item in result.items:
        if item.content is None:
            lines.append(f"  第{item.row}行 {_given(item.code_given)}: {VERDICTS['invalid']}：{item.problem}")
        else:
            c = item.content
            record = item.files.get("pdf") or item.files.get("html")
            lines.append(
                f"  第{item.row}行 {c['subject_code']} {c['subject_name'] or ''}: {VERDICTS[c['verdict']]} "
                f"核验码 {item.code} · {record}"
            )
    return lines
