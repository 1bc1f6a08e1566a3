"""The raw landing contract: every row kept with lineage, bad files and lines rejected with a reason."""

from datetime import date

import pytest

import creditwh.ingest.load as ingest
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.sample.builders import COMPANY_USCC, headers, penalty, write_csv, write_xlsx

PENALTIES = get_source("penalties")
DAY = date(2026, 10, 9)


def folder(landing, day=DAY, source="penalties"):
    return landing / source / day.isoformat()


def raw_rows(con, where="true"):
    return con.execute(
        f"select decision_doc_no, uscc, source_file, source_row, sheet, header_style from raw.penalties where {where} "
        "order by source_file, source_row"
    ).fetchall()


def test_utf8_and_gb18030_csv_load_the_same_text(con, landing):
    rows = [penalty(), penalty(decision_doc_no="榕鼓财罚〔2026〕13号", subject_name="福州市鼓楼区榕城商贸有限公司")]
    write_csv(folder(landing) / "utf8.csv", rows, headers("penalties"))
    write_csv(folder(landing) / "gbk.csv", rows, headers("penalties"), encoding="gb18030")
    write_csv(folder(landing) / "bom.csv", rows[:1], headers("penalties"), encoding="utf-8-sig")
    ingest_partition(con, PENALTIES, landing, DAY)
    files = dict(con.execute("select source_file, encoding from raw.landing_files").fetchall())
    assert files == {
        "penalties/2026-10-09/bom.csv": "utf-8-sig",
        "penalties/2026-10-09/gbk.csv": "gb18030",
        "penalties/2026-10-09/utf8.csv": "utf-8",
    }
    names = con.execute(
        "select source_file, list(subject_name order by source_row) from raw.penalties group by all order by 1"
    ).fetchall()
    assert names[1][1] == names[2][1] == ["福州市鼓楼区闽江科技有限公司", "福州市鼓楼区榕城商贸有限公司"]
    assert names[0][1] == ["福州市鼓楼区闽江科技有限公司"]


def test_every_row_keeps_its_lineage(con, landing):
    write_csv(folder(landing) / "a.csv", [penalty(), penalty(decision_doc_no="2号")], headers("penalties"))
    ingest_partition(con, PENALTIES, landing, DAY, run_id="r1")
    row = con.execute(
        "select source, source_file, length(file_sha256), sheet, source_row, reporting_date, run_id, ingested_at "
        "from raw.penalties order by source_row limit 1"
    ).fetchone()
    assert row[:7] == ("penalties", "penalties/2026-10-09/a.csv", 64, None, 2, DAY, "r1")
    assert row[7] is not None


def test_xlsx_with_two_title_rows_finds_its_header_and_numbers_rows_as_excel_does(con, landing):
    write_xlsx(
        folder(landing) / "鼓楼区行政处罚.xlsx",
        [penalty(), penalty(decision_doc_no="2号")],
        headers("penalties"),
        title_rows=["鼓楼区财政局行政处罚信息公示表", "填报单位：鼓楼区财政局  填报日期：2026年10月9日"],
        sheet="行政处罚",
    )
    ingest_partition(con, PENALTIES, landing, DAY)
    rows = raw_rows(con)
    assert [(r[0], r[3], r[4]) for r in rows] == [("榕鼓财罚〔2026〕12号", 4, "行政处罚"), ("2号", 5, "行政处罚")]
    assert rows[0][1] == COMPANY_USCC


def test_field_code_headers_load_into_the_same_columns(con, landing):
    write_csv(folder(landing) / "codes.csv", [penalty()], headers("penalties", "field_code"))
    ingest_partition(con, PENALTIES, landing, DAY)
    assert raw_rows(con)[0][:2] == ("榕鼓财罚〔2026〕12号", COMPANY_USCC)
    assert raw_rows(con)[0][5] == "field_code"


def test_old_template_file_loads_with_its_extra_columns(con, landing):
    old = {f.canonical: f.code for f in PENALTIES.old_fields}
    row = {
        "decision_doc_no": "鼓市监罚〔2016〕3号",
        "uscc": "91110108551385082Q",
        "penalty_categories": "罚款",
        "penalty_categories_2": "没收违法所得",
        "local_code": "350102",
    }
    write_csv(folder(landing) / "old.csv", [row], old)
    ingest_partition(con, PENALTIES, landing, DAY)
    got = con.execute(
        "select penalty_categories, penalty_categories_2, local_code, header_style from raw.penalties"
    ).fetchone()
    assert got == ("罚款", "没收违法所得", "350102", "old_template")


def test_columns_that_map_to_nothing_are_kept_in_extras(con, landing):
    row = {**penalty(), "经办人电话": "0591-8888", "内部序号": "17"}
    write_csv(
        folder(landing) / "a.csv", [row], {**headers("penalties"), "经办人电话": "经办人电话", "内部序号": "内部序号"}
    )
    ingest_partition(con, PENALTIES, landing, DAY)
    extras = con.execute("select extras->>'经办人电话', extras->>'内部序号' from raw.penalties").fetchone()
    assert extras == ("0591-8888", "17")


def test_a_line_with_the_wrong_number_of_fields_is_rejected_and_the_rest_of_the_file_loads(con, landing):
    rows = [penalty(decision_doc_no=f"{i}号") for i in range(1, 4)]
    write_csv(
        folder(landing) / "a.csv", rows, headers("penalties"), extra_lines=["短行,只有,三个字段", ",".join(["x"] * 40)]
    )
    write_csv(folder(landing) / "b.csv", rows[:1], headers("penalties"))
    result = ingest_partition(con, PENALTIES, landing, DAY)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (6, 4, 2)
    rejected = con.execute(
        "select source_row, reason_code, reason_zh, reason_en, raw_content from raw.rejections order by 1"
    ).fetchall()
    assert [(r[0], r[1]) for r in rejected] == [(5, "csv_missing_columns"), (6, "csv_too_many_columns")]
    assert "字段数少于表头" in rejected[0][2] and "fewer fields" in rejected[0][3]
    assert rejected[0][4] == "短行,只有,三个字段"


def test_rows_after_a_rejected_line_keep_their_own_row_numbers(con, landing):
    path = write_csv(
        folder(landing) / "a.csv", [penalty(decision_doc_no="1号")], headers("penalties"), extra_lines=["坏行,1"]
    )
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(",".join(f'"{v}"' for v in penalty(decision_doc_no="3号").values()) + "\n")
    ingest_partition(con, PENALTIES, landing, DAY)
    assert [(r[0], r[3]) for r in raw_rows(con)] == [("1号", 2), ("3号", 4)]


def test_an_undecodable_file_is_rejected_with_a_reason_and_no_other_file_is_lost(con, landing):
    folder(landing).mkdir(parents=True)
    (folder(landing) / "broken.csv").write_bytes(b"\xff\xfe\x00\x81\x30" * 10)
    write_csv(folder(landing) / "good.csv", [penalty()], headers("penalties"))
    result = ingest_partition(con, PENALTIES, landing, DAY)
    assert {f.source_file.split("/")[-1]: f.status for f in result.files} == {
        "broken.csv": "rejected",
        "good.csv": "loaded",
    }
    reason = con.execute("select reason_code, reason_zh, reason_en, raw_content from raw.rejections").fetchone()
    assert reason[0] == "undecodable" and "GB18030" in reason[1] and "UTF-8" in reason[2] and reason[3]
    assert len(raw_rows(con)) == 1


def test_a_row_added_by_hand_with_another_line_ending_is_read_with_the_rest(con, landing):
    # exported with CRLF, then a row typed in with a bare LF: DuckDB's reader takes one line ending per file
    path = write_csv(folder(landing) / "a.csv", [penalty(), penalty(decision_doc_no="2号")], headers("penalties"))
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\r\n".join(lines[:2]) + b"\r\n" + b"\n".join(lines[2:]))
    result = ingest_partition(con, PENALTIES, landing, DAY)
    assert [f.status for f in result.files] == ["loaded"]
    assert [(r[0], r[3]) for r in raw_rows(con)] == [(penalty()["decision_doc_no"], 2), ("2号", 3)]


def test_a_file_the_csv_reader_cannot_parse_is_rejected_with_a_reason_and_the_run_goes_on(con, landing):
    write_csv(folder(landing) / "good.csv", [penalty()], headers("penalties"))
    # line endings of an old Mac (a bare CR) among CRLF ones: no reading of it can be trusted
    bad = write_csv(folder(landing) / "bad.csv", [penalty(), penalty(decision_doc_no="2号")], headers("penalties"))
    lines = bad.read_bytes().rstrip(b"\n").split(b"\n")
    bad.write_bytes(b"\r\n".join(lines[:2]) + b"\r" + lines[2] + b"\r\n")
    result = ingest_partition(con, PENALTIES, landing, DAY)
    assert {f.source_file.split("/")[-1]: f.status for f in result.files} == {
        "bad.csv": "rejected",
        "good.csv": "loaded",
    }
    code, zh, en = con.execute("select reason_code, reason_zh, reason_en from raw.rejections").fetchone()
    assert code == "unparseable_csv" and "CSV" in zh and "not valid CSV" in en
    assert str(landing) not in en  # the unit reads it: no folder of the server
    assert len(raw_rows(con)) == 1


def test_a_file_without_a_recognisable_header_is_rejected(con, landing):
    folder(landing).mkdir(parents=True)
    (folder(landing) / "x.csv").write_text("甲,乙,丙\n1,2,3\n", encoding="utf-8")
    ingest_partition(con, PENALTIES, landing, DAY)
    assert con.execute("select reason_code from raw.rejections").fetchone() == ("no_header",)


def test_rerunning_a_partition_gives_identical_rows(con, landing):
    write_csv(
        folder(landing) / "a.csv",
        [penalty(), penalty(decision_doc_no="2号")],
        headers("penalties"),
        extra_lines=["坏行"],
    )
    write_csv(folder(landing, date(2026, 10, 10)) / "b.csv", [penalty(decision_doc_no="3号")], headers("penalties"))
    ingest_partition(con, PENALTIES, landing, DAY)
    ingest_partition(con, PENALTIES, landing, date(2026, 10, 10))

    def snapshot():
        return (
            raw_rows(con),
            con.execute("select count(*) from raw.rejections").fetchone(),
            con.execute("select source_file, status, rows_read from raw.landing_files order by 1").fetchall(),
        )

    before = snapshot()
    ingest_partition(con, PENALTIES, landing, DAY)
    assert snapshot() == before
    assert len(before[0]) == 3 and before[1] == (1,)


def test_the_same_file_delivered_again_on_another_day_is_a_duplicate_not_counted_twice(con, landing):
    first = write_csv(folder(landing) / "a.csv", [penalty()], headers("penalties"))
    later = folder(landing, date(2026, 10, 12)) / "a_again.csv"
    later.parent.mkdir(parents=True)
    later.write_bytes(first.read_bytes())
    ingest_partition(con, PENALTIES, landing, DAY)
    result = ingest_partition(con, PENALTIES, landing, date(2026, 10, 12))
    assert [f.status for f in result.files] == ["duplicate_delivery"]
    assert len(raw_rows(con)) == 1
    dup = con.execute(
        "select duplicate_of, message_zh from raw.landing_files where status = 'duplicate_delivery'"
    ).fetchone()
    assert dup[0] == "2026-10-09 penalties/2026-10-09/a.csv" and "重复报送" in dup[1]
    # re-running either partition keeps exactly one loaded copy
    ingest_partition(con, PENALTIES, landing, DAY)
    ingest_partition(con, PENALTIES, landing, date(2026, 10, 12))
    assert len(raw_rows(con)) == 1


def test_a_failure_mid_partition_leaves_the_previous_state(con, landing, monkeypatch):
    write_csv(folder(landing) / "a.csv", [penalty()], headers("penalties"))
    ingest_partition(con, PENALTIES, landing, DAY)
    before = (raw_rows(con), con.execute("select * exclude (ingested_at) from raw.landing_files").fetchall())
    write_csv(folder(landing) / "b.csv", [penalty(decision_doc_no="2号")], headers("penalties"))
    write_csv(folder(landing) / "c.csv", [penalty(decision_doc_no="3号")], headers("penalties"))

    def crash_after_second_file(outcome):
        if outcome.source_file.endswith("b.csv"):
            raise OSError("disk full")

    monkeypatch.setattr(ingest, "_after_file_hook", crash_after_second_file)
    with pytest.raises(OSError):
        ingest_partition(con, PENALTIES, landing, DAY)
    assert (raw_rows(con), con.execute("select * exclude (ingested_at) from raw.landing_files").fetchall()) == before


def test_hidden_and_excel_lock_files_are_not_deliveries(con, landing):
    write_csv(folder(landing) / "a.csv", [penalty()], headers("penalties"))
    (folder(landing) / "~$a.xlsx").write_bytes(b"lock")
    (folder(landing) / ".DS_Store").write_bytes(b"x")
    result = ingest_partition(con, PENALTIES, landing, DAY)
    assert [f.source_file for f in result.files] == ["penalties/2026-10-09/a.csv"]


def test_an_unsupported_file_type_is_rejected_with_a_reason(con, landing):
    folder(landing).mkdir(parents=True)
    (folder(landing) / "scan.pdf").write_bytes(b"%PDF-1.4")
    ingest_partition(con, PENALTIES, landing, DAY)
    code, zh = con.execute("select reason_code, reason_zh from raw.rejections").fetchone()
    assert code == "unsupported_file_type" and ".pdf" in zh


def test_every_raw_table_has_the_registry_columns_then_the_lineage(con):
    from creditwh.platform.sources import SOURCES

    lineage = [
        "source",
        "source_file",
        "file_sha256",
        "sheet",
        "source_row",
        "reporting_date",
        "header_style",
        "extras",
        "ingested_at",
        "run_id",
    ]
    for source in SOURCES.values():
        columns = [
            r[0]
            for r in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ? order by column_index",
                [source.name],
            ).fetchall()
        ]
        assert columns == [*source.columns, *lineage], source.name
