"""CSV injection (OWASP): a text value that a spreadsheet would run as a formula is written behind a single quote in
every CSV meant for people; JSON Lines, Parquet and workbooks keep the true value."""

import csv
import io
import json
import zipfile
from datetime import date

import duckdb
import polars as pl
import pytest

from creditwh.platform.outputs import BOM, copy_query, write_csv, write_xlsx
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import clean, penalty, serious_penalty, uscc
from tests.support.full_set import full_set_text, read_full_set
from tests.support.scenario import Scenario

LINK = '=HYPERLINK("http://x","click")'
FORMULAS = [LINK, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]
HARMLESS = ["甲公司", "a-b", "'already quoted", "", None]


def cells(path):
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_copy_query_quotes_formula_text_in_a_csv_only_and_leaves_numbers_and_the_header_alone(tmp_path):
    con = duckdb.connect()
    values = FORMULAS + HARMLESS
    con.execute("create table t as select * from unnest(?::varchar[]) with ordinality as u(name, n)", [values])
    query = f'select name as "{BOM}名称", -5 - n::int as amount, n::int - 1 as n from t order by n'
    copy_query(con, query, tmp_path / "out.csv", "csv")
    copy_query(con, query, tmp_path / "out.jsonl", "jsonl")

    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(BOM.encode() + "名称,amount,n".encode())  # Excel still opens it as UTF-8
    rows = cells(tmp_path / "out.csv")[1:]
    assert [r[0] for r in rows] == ["'" + v for v in FORMULAS] + ["甲公司", "a-b", "'already quoted", "", ""]
    assert [r[1] for r in rows] == [str(-5 - n) for n in range(1, len(values) + 1)]  # a number column as it is

    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r[f"{BOM}名称"] for r in lines] == values


def test_a_query_without_text_columns_is_written_as_it_is(tmp_path):
    con = duckdb.connect()
    copy_query(con, "select -1 as a, date '2026-01-01' as d", tmp_path / "n.csv", "csv")
    assert cells(tmp_path / "n.csv") == [["a", "d"], ["-1", "2026-01-01"]]


def test_write_csv_quotes_formula_text_of_a_frame_and_not_its_numbers(tmp_path):
    frame = pl.DataFrame({"name": FORMULAS + HARMLESS, "amount": list(range(-5, -5 + len(FORMULAS) + len(HARMLESS)))})
    write_csv(frame, tmp_path / "f.csv")
    back = pl.read_csv(tmp_path / "f.csv", infer_schema=False)
    assert back["name"].to_list()[: len(FORMULAS)] == ["'" + v for v in FORMULAS]
    assert back["name"].to_list()[len(FORMULAS) :] == ["甲公司", "a-b", "'already quoted", "", None]
    assert back["amount"].to_list() == [str(v) for v in frame["amount"]]
    assert frame["name"][0] == LINK  # the caller's frame is not changed


def test_a_workbook_holds_the_true_value_as_text_not_as_a_formula(tmp_path):
    (book,) = write_xlsx(pl.DataFrame({"原值": [LINK]}), tmp_path / "c.xlsx", "待更正记录")
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet and "=HYPERLINK(&quot;http://x&quot;" in sheet


# The writers, each through the path it takes in production: the 双公示 and list files and the feedback files are
# DuckDB COPYs (outputs.copy_query), the feeds are polars frames (outputs.write_csv).


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def test_the_double_publicity_csv_quotes_a_formula_and_its_jsonl_keeps_it(scenario, tmp_path):
    from creditwh.publication.double_publicity import publish_double_publicity

    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(subject_name=LINK, decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        publish_double_publicity(con, date(2026, 6, 1), tmp_path / "out")
    folder = tmp_path / "out" / "2026-06-01"
    (row,) = read_full_set(folder).to_dicts()
    assert row["行政相对人名称"] == "'" + LINK
    (line,) = full_set_text(folder, "penalties", "jsonl").splitlines()
    assert json.loads(line)["行政相对人名称"] == LINK
    (change,) = pl.read_csv(folder / "penalties_changes.csv", infer_schema=False).to_dicts()
    assert "'" + LINK in change.values() and LINK not in change.values()


def test_the_black_list_csv_quotes_a_formula_and_its_jsonl_keeps_it(scenario):
    from creditwh.publication.lists import publish_lists

    scenario.deliver("2026-05-06", "penalties", serious_penalty(subject_name=LINK)).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        publish_lists(con, date(2026, 5, 12), scenario.workdir / "out")
    folder = scenario.workdir / "out" / "2026-05-12"
    (row,) = pl.read_csv(folder / "black_list.csv", infer_schema=False).to_dicts()
    assert LINK not in row.values() and "'" + LINK in row.values()
    (line,) = (folder / "black_list.jsonl").read_text(encoding="utf-8").splitlines()
    assert LINK in json.loads(line).values()


def test_the_feedback_csv_quotes_a_formula(scenario, tmp_path):
    from creditwh.screening.feedback import write_feedback_files

    listed = dict(list_type="失信被执行人", kind="惩戒", listed_on="2026-05-10", valid_until="", subject_name=LINK)
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **listed))
    scenario.deliver(
        "2026-06-11",
        "procurement",
        clean(
            "procurement",
            supplier_name=LINK,  # the name the bureau knows the subject by
            consortium_usccs="",
            credit_checked_on="2026-06-01",
            bid_deadline="2026-06-05",
            award_date="2026-06-10",
        ),
    ).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        written = write_feedback_files(con, tmp_path / "feedback", date(2026, 7, 1))
    assert written.rows
    for relative in written.rows:
        rows = cells(tmp_path / "feedback" / relative)
        names = [r[rows[0].index("主体名称")] for r in rows[1:]]
        assert names and set(names) == {"'" + LINK}


def test_a_feed_csv_quotes_a_formula_and_its_parquet_keeps_it(scenario):
    from creditwh.assessment import feeds

    unit = "=1+1 鼓楼区某局"
    scenario.deliver(
        "2026-05-06",
        "penalties",
        serious_penalty(
            decision_date="2026-05-04", source_unit=unit, source_unit_uscc=uscc("11", "350102", "00361124")
        ),
    ).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        feeds.write_feeds(con, date(2026, 6, 30), scenario.workdir / "feeds")
    folder = scenario.workdir / "feeds"
    parquet = pl.read_parquet(folder / "penalties_monthly_unit.parquet")
    csv_units = pl.read_csv(folder / "penalties_monthly_unit.csv", infer_schema=False)["source_unit"]
    assert unit in parquet["source_unit"].to_list()
    assert "'" + unit in csv_units.to_list() and unit not in csv_units.to_list()


def test_a_csv_keeps_the_order_its_query_asks_for(tmp_path):
    # A part, a list or a change file is read top to bottom by staff and diffed by the platform: the same rows must
    # come out in the same order on every build. DuckDB rewrites an IN list of six or more values into a hash join,
    # which loses the order beneath it (duckdb/duckdb#24398); the formula guard must not be written as one.
    con = duckdb.connect()
    con.execute("set threads = 2")
    con.execute(
        "create table t as select md5(i::varchar) as k, date '2026-10-01' + (i % 31)::int as d, "
        "repeat('甲', 50) || i as name from range(300000) as r(i)"
    )
    query = "select strftime(d, '%Y/%m/%d') as day, name, k from t order by d, k"
    copy_query(con, query, tmp_path / "out.csv", "csv")
    written = pl.read_csv(tmp_path / "out.csv", infer_schema=False)
    assert written.equals(con.execute(query).pl())
