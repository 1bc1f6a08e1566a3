"""The batch credit check before a decision, for the command line (creditwh check --batch) and the Dagster job
(credit_check_batch): the list is read as ingest reads a delivery, the checks and records are the credit domain's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from assets.partitions import TIMEZONE
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
    # the query time as the bureau's clock shows it, whatever the server's zone
    queried_at = datetime.now(ZoneInfo(TIMEZONE)).replace(microsecond=0)
    with connect(warehouse_file or config.warehouse_path(), read_only=True) as con:
        items = check_batch(con, asked, as_of, business)
    folder = out or config.data_dir() / "credit_checks" / f"{as_of}_{queried_at:%Y%m%d-%H%M%S}"
    book = write_outputs(items, as_of, folder, register_path(), queried_at, pdf=pdf)
    return BatchResult(book, folder, layout, items)


def summary_lines(result: BatchResult) -> list[str]:
    """What the command line and the job's log say: a line per asked code, invalid and unknown ones as such."""
    from creditwh.credit.check_records import VERDICTS, given_code

    lines = [f"核查结果 / batch result: {result.book}（{len(result.items)} 个代码，格式 {result.layout}）"]
    for item in result.items:
        if item.content is None:
            lines.append(f"  第{item.row}行 {given_code(item.code_given)}: {VERDICTS['invalid']}：{item.problem}")
        else:
            c = item.content
            record = item.files.get("pdf") or item.files.get("html")
            lines.append(
                f"  第{item.row}行 {c['subject_code']} {c['subject_name'] or ''}: {VERDICTS[c['verdict']]} "
                f"核验码 {item.code} · {record}"
            )
    checked = next((item.content for item in result.items if item.content is not None), None)
    if checked is not None:
        latest = max((s["delivered_to"] for s in checked["data_currency"] if s["delivered_to"]), default=None)
        if latest is None or latest < checked["as_of"]:
            # a check on the decision day before that day's run: the day's deliveries, loaded later, can change it
            lines.append(
                f"注意 / note: 已装载的报送截至 {latest or '无'}，早于核查日 {checked['as_of']}：当日报送装载后结论可能"
                "改变，记录届时将核验不一致；请于当日运行后核查 / the deliveries loaded end before the as-of date: "
                "once that day's deliveries are loaded the answer may change (and the record no longer verify). "
                "Check after that day's run."
            )
    return lines


def demo_batch(landing: Path, warehouse_file: Path) -> list[str]:
    """The demo's batch: a black-listed, a clean, an unknown and two invalid codes (one typed into a number cell,
    as Excel damages it) checked on the last reporting day, with where the outputs are."""
    import xlsxwriter

    from creditwh.platform.sql import execute
    from creditwh.sample.builders import uscc
    from pipelines.runner import landed_dates

    as_of = date.fromisoformat(max(landed_dates(landing)))
    with connect(warehouse_file, read_only=True) as con:
        black, clean = execute(con, "credit/sample_check_codes", {"as_of": as_of}).fetchone()
    folder = config.data_dir() / "credit_checks"
    folder.mkdir(parents=True, exist_ok=True)
    sample = folder / "sample_bidders.xlsx"
    book = xlsxwriter.Workbook(str(sample))
    sheet = book.add_worksheet("核查名单")
    sheet.set_column(0, 0, 24)
    sheet.write_string(0, 0, "统一社会信用代码")
    codes = [c for c in (black, clean) if c] + [uscc("91", "350102", "MA2Y9X8K"), "91350102MA2Y3K0P7"]
    for row, code in enumerate(codes, start=1):
        sheet.write_string(row, 0, code)
    sheet.write_number(len(codes) + 1, 0, 913501004984025674)  # typed into a number cell: Excel keeps 15 digits
    book.close()
    result = run_check_batch(sample, as_of, warehouse_file, folder / f"sample_{as_of}")
    return [f"样例核查名单 / sample batch input: {sample}（核查日期 as of {as_of}）", *summary_lines(result)]
