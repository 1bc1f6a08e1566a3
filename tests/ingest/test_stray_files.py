"""Files outside a date folder do not vanish: each is registered as rejected with its reason, shown in the run summary
and listed for the unit it came from; an empty file is called 空文件."""

from datetime import date

import fastexcel
import pytest
from click.testing import CliRunner

from creditwh.ingest.landing import partition_folders
from creditwh.ingest.load import ingest_partition
from creditwh.ingest.strays import find_strays, register_strays
from creditwh.platform.sources import SOURCES, get_source
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import headers, penalty, write_csv
from creditwh.validation.correction_lists import write_correction_lists
from creditwh.validation.run_summary import run_summary
from creditwh.validation.summary import build_quality_summary
from creditwh.validation.validate import prepare, validate_partition
from pipelines.cli import main
from tests.support.validation_harness import load_calendar

DAY = "2026-10-12"
UNIT = "鼓楼区市场监督管理局"  # the unit named inside the stray files below
NO_UNIT = "（未填报单位）"

# where a clerk put the file -> (reason code, what the Chinese says, what the English says)
STRAYS = {
    "penalties/stray.csv": (
        "not_in_date_folder",
        "文件不在日期文件夹中，未装载：请放入 penalties/YYYY-MM-DD/",
        "not inside a date folder: not loaded; move it to penalties/YYYY-MM-DD/",
    ),
    "penalties/latest/x.csv": (
        "not_in_date_folder",
        "文件不在日期文件夹中，未装载：请放入 penalties/YYYY-MM-DD/",
        "not inside a date folder: not loaded; move it to penalties/YYYY-MM-DD/",
    ),
    "penalties/2026-13-45/x.csv": (
        "invalid_date_folder",
        "日期文件夹名不是有效日期 2026-13-45",
        "the date folder 2026-13-45 is not a real date",
    ),
    "penalty/2026-10-12/x.csv": (
        "unknown_source_folder",
        "数据源文件夹名无法识别 penalty，应为 penalties",
        "unknown source folder penalty; did you mean penalties?",
    ),
}


def deliver(landing, rel: str, *rows: dict) -> None:
    write_csv(landing / rel, list(rows) or [penalty(source_unit=UNIT)], headers("penalties"))


def run(landing, warehouse_file, lists_dir=None) -> None:
    """What a run does with the landing folder: each date folder loaded and validated, then the landing scan, then the
    quality summary and the correction lists."""
    with connect(warehouse_file) as con:
        load_calendar(con)
        prepare(con)
        for source in SOURCES.values():
            days = [date.fromisoformat(d) for d in partition_folders(landing, source.name)]
            for day in days or [date(2000, 1, 3)]:  # a source with no delivery still gets its (empty) staging table
                ingest_partition(con, source, landing, day)
                validate_partition(con, source, day)
        register_strays(con, landing)
        build_quality_summary(con)
        if lists_dir is not None:
            write_correction_lists(con, lists_dir)


def registered(warehouse_file, where="reporting_date is null"):
    with connect(warehouse_file, read_only=True) as con:
        return con.execute(
            "select source_file, source, reporting_date, status, reason_code, message_zh, message_en, "
            f"rows_read, rows_loaded, rows_rejected from raw.landing_files where {where} order by source_file"
        ).fetchall()


def correction_list(lists_dir, unit: str) -> list[tuple]:
    sheet = fastexcel.read_excel(lists_dir / f"{unit}.xlsx").load_sheet("待更正记录").to_polars()
    return list(sheet.select("文件", "规则编号", "问题说明", "Issue (English)").iter_rows())


@pytest.mark.parametrize("where", list(STRAYS))
def test_each_file_outside_a_date_folder_is_registered_as_rejected_with_its_reason(where, landing, warehouse_file):
    deliver(landing, f"penalties/{DAY}/good.csv")
    deliver(landing, where)
    run(landing, warehouse_file)
    code, zh, en = STRAYS[where]
    [(source_file, source, reporting_date, status, reason, message_zh, message_en, *rows)] = registered(warehouse_file)
    assert (source_file, status, reason) == (where, "rejected", code)
    assert zh in message_zh and en in message_en
    # no partition and no records: the date folder gives a file its reporting date, and a stray has none
    assert reporting_date is None and rows == [0, 0, 0]
    assert source == (None if where.startswith("penalty/") else "penalties")
    # messages name the landing-relative path at most, never the server's folders
    assert str(landing) not in message_zh + message_en


def test_a_stray_carries_no_records_and_each_partition_still_conserves_its_rows(landing, warehouse_file):
    deliver(landing, f"penalties/{DAY}/good.csv")
    for where in STRAYS:
        deliver(landing, where)
    run(landing, warehouse_file)
    with connect(warehouse_file, read_only=True) as con:
        assert con.execute("select count(*) from raw.penalties").fetchone() == (1,)
        read, loaded, lines_rejected, *_ = execute(
            con, "ingest/partition_counts", {"source": "penalties", "reporting_date": DAY}, table="raw.penalties"
        ).fetchone()
    assert read == loaded + lines_rejected == 1


def test_the_run_summary_counts_the_files_not_loaded_and_names_each_with_its_reason(landing, warehouse_file):
    deliver(landing, f"penalties/{DAY}/good.csv")
    for where in STRAYS:
        deliver(landing, where)
    run(landing, warehouse_file)
    lines = run_summary(warehouse_file)
    assert "4 个文件未装载：不在日期文件夹中 / 4 files not loaded: outside a date folder" in lines
    for where, (_, zh, en) in STRAYS.items():
        [line] = [line for line in lines if line.strip().startswith(f"{where}:")]
        assert zh in line and en in line
    # the per-source table counts the files its partitions received: one penalties file, none bad
    [penalties] = [line for line in lines if line.startswith("penalties ")]
    assert penalties.split()[1:4] == ["1", "0", "0"]


def test_a_stray_is_listed_for_the_unit_named_inside_it(landing, warehouse_file, tmp_path):
    deliver(landing, f"penalties/{DAY}/good.csv", penalty(source_unit="鼓楼区财政局"))
    deliver(
        landing, "penalty/2026-10-12/x.csv", penalty(source_unit=UNIT), penalty(decision_doc_no="2号", source_unit=UNIT)
    )
    run(landing, warehouse_file, tmp_path / "lists")
    [(file, rule, zh, en)] = correction_list(tmp_path / "lists", UNIT)
    assert (file, rule) == ("penalty/2026-10-12/x.csv", "unknown_source_folder")
    assert "应为 penalties" in zh and "did you mean penalties?" in en


def test_a_stray_that_names_no_unit_or_several_or_cannot_be_read_is_listed_for_the_unfilled_unit(
    landing, warehouse_file, tmp_path
):
    deliver(landing, f"penalties/{DAY}/good.csv")
    deliver(landing, "penalties/stray.csv", penalty(source_unit=""))
    deliver(landing, "penalties/latest/two.csv", penalty(source_unit=UNIT), penalty(source_unit="鼓楼区财政局"))
    (landing / "penalties" / "2026-13-45").mkdir()
    (landing / "penalties" / "2026-13-45" / "scan.pdf").write_bytes(b"%PDF-1.4")
    run(landing, warehouse_file, tmp_path / "lists")
    listed = {(file, rule) for file, rule, _, _ in correction_list(tmp_path / "lists", NO_UNIT)}
    assert listed == {
        ("penalties/stray.csv", "not_in_date_folder"),
        ("penalties/latest/two.csv", "not_in_date_folder"),
        ("penalties/2026-13-45/scan.pdf", "invalid_date_folder"),
    }


def test_a_rerun_registers_each_stray_once(landing, warehouse_file):
    deliver(landing, f"penalties/{DAY}/good.csv")
    for where in STRAYS:
        deliver(landing, where)
    run(landing, warehouse_file)
    first = [row[:5] for row in registered(warehouse_file)]
    run(landing, warehouse_file)
    assert [row[:5] for row in registered(warehouse_file)] == first
    assert len(first) == 4


def test_a_stray_moved_into_its_date_folder_is_no_longer_listed_and_loads(landing, warehouse_file):
    deliver(landing, "penalties/stray.csv")
    deliver(landing, f"penalties/{DAY}/good.csv", penalty(decision_doc_no="2号"))
    run(landing, warehouse_file)
    assert [row[0] for row in registered(warehouse_file)] == ["penalties/stray.csv"]
    (landing / "penalties" / "stray.csv").rename(landing / "penalties" / DAY / "stray.csv")
    run(landing, warehouse_file)
    assert registered(warehouse_file) == []
    assert not any("files not loaded" in line for line in run_summary(warehouse_file))
    loaded = registered(warehouse_file, "status = 'loaded'")
    assert [row[0] for row in loaded] == [f"penalties/{DAY}/good.csv", f"penalties/{DAY}/stray.csv"]


def test_bookkeeping_folders_hidden_files_and_excel_lock_files_are_not_listed(landing):
    deliver(landing, "_manifest/defects.csv")  # the sample generator's manifest
    deliver(landing, ".git/x.csv")
    deliver(landing, "penalties/_drafts/x.csv")
    (landing / "penalties" / ".DS_Store").write_bytes(b"x")
    (landing / "penalties" / "~$a.xlsx").write_bytes(b"lock")
    (landing / ".hidden.csv").write_bytes(b"x")
    deliver(landing, f"penalties/{DAY}/good.csv")
    assert find_strays(landing) == []


def test_a_file_directly_in_the_landing_root_is_not_in_a_source_folder(landing):
    deliver(landing, "x.csv")
    [stray] = find_strays(landing)
    assert (stray.source_file, stray.source, stray.reason_code) == ("x.csv", None, "not_in_source_folder")
    assert "请放入 <数据源>/YYYY-MM-DD/" in stray.message_zh


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\t\r\n"], ids=["zero_bytes", "bom", "whitespace"])
def test_an_empty_file_is_called_an_empty_file(content, con, landing):
    folder = landing / "penalties" / DAY
    folder.mkdir(parents=True)
    (folder / "a.csv").write_bytes(content)
    ingest_partition(con, get_source("penalties"), landing, date.fromisoformat(DAY))
    reason = con.execute("select reason_code, reason_zh, reason_en from raw.rejections").fetchone()
    assert reason == (
        "empty_file",
        "空文件（无数据内容），请重新导出后报送",
        "empty file (no content): export it again and re-send",
    )
    assert con.execute("select status, message_zh from raw.landing_files").fetchone() == (
        "rejected",
        "空文件（无数据内容），请重新导出后报送",
    )


def test_an_empty_file_on_a_later_day_is_empty_again_not_a_duplicate_delivery(con, landing):
    for day in ("2026-10-12", "2026-10-13"):
        (landing / "penalties" / day).mkdir(parents=True)
        (landing / "penalties" / day / "a.xlsx").write_bytes(b"")
        ingest_partition(con, get_source("penalties"), landing, date.fromisoformat(day))
    assert con.execute("select status, reason_code from raw.landing_files").fetchall() == [
        ("rejected", "empty_file"),
        ("rejected", "empty_file"),
    ]


def test_a_landing_folder_holding_only_strays_says_which_files_were_not_where_a_run_looks(landing, warehouse_file):
    deliver(landing, "penalties/stray.csv")
    out = CliRunner().invoke(main, ["run", "--landing", str(landing), "--warehouse", str(warehouse_file)])
    assert out.exit_code == 1
    assert "nothing to ingest" in out.output
    assert "penalties/stray.csv: 文件不在日期文件夹中" in out.output


@pytest.mark.e2e  # the whole daily chain through Dagster, as `creditwh run` does it
def test_a_run_through_dagster_registers_the_strays_and_lists_them_for_their_unit(landing, warehouse_file, tmp_path):
    deliver(landing, f"penalties/{DAY}/good.csv")
    deliver(landing, "penalty/2026-10-12/x.csv")
    deliver(landing, "penalties/2019-01-01/old.csv")  # a real date outside the partition range: only warned about
    out = CliRunner().invoke(main, ["run", "--landing", str(landing), "--warehouse", str(warehouse_file)])
    assert out.exit_code == 0, out.output
    assert "1 file not loaded: outside a date folder" in out.output
    assert "penalty/2026-10-12/x.csv: 数据源文件夹名无法识别 penalty，应为 penalties" in out.output
    assert "2019-01-01 不在分区范围内" in out.output
    [(file, rule, _, _)] = correction_list(tmp_path / "data" / "quality" / "correction_lists", UNIT)
    assert (file, rule) == ("penalty/2026-10-12/x.csv", "unknown_source_folder")


def test_a_warehouse_whose_file_register_predates_the_reason_and_unit_gains_them(landing, warehouse_file):
    deliver(landing, f"penalties/{DAY}/good.csv")
    with connect(warehouse_file) as con:  # as older code built it
        ingest_partition(con, get_source("penalties"), landing, date.fromisoformat(DAY))
        con.execute("alter table raw.landing_files drop column reason_code")
        con.execute("alter table raw.landing_files drop column source_unit")
    deliver(landing, "penalties/stray.csv")
    with connect(warehouse_file) as con:
        ingest_partition(con, get_source("penalties"), landing, date.fromisoformat(DAY))
        register_strays(con, landing)
        rows = con.execute(
            "select source_file, status, reason_code, source_unit from raw.landing_files order by 1"
        ).fetchall()
    assert rows == [
        (f"penalties/{DAY}/good.csv", "loaded", None, None),
        ("penalties/stray.csv", "rejected", "not_in_date_folder", UNIT),
    ]
