"""双公示 publication: windows, exclusions, masking and the privacy check."""

from datetime import date

import fastexcel
import polars as pl
import pytest

from creditwh.platform.codes import is_valid_id, mask_id
from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import UnmaskedIdentityNumber, publish_double_publicity
from creditwh.sample.builders import PERSON_ID, as_person, clean, penalty, person_id
from tests.support.full_set import full_set_days, full_set_text, read_full_set
from tests.support.scenario import Scenario

PERSON = dict(
    **as_person(),
    fine_10k_yuan="0.5",
    penalty_content="罚款人民币5000元",
    decision_date="2026-05-04",
)


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def publish(scenario, as_of, out, full_set=None):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return publish_double_publicity(con, date.fromisoformat(as_of), out, full_set=full_set)


def published(out, as_of, source="penalties"):
    return read_full_set(out / as_of, source)


def test_identity_numbers_are_masked_in_every_output(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(**PERSON)).run()
    publish(scenario, "2026-06-01", tmp_path / "out")
    frame = published(tmp_path / "out", "2026-06-01")
    assert frame["证件号码"].to_list() == [mask_id(PERSON_ID)]
    for suffix in ("csv", "jsonl"):
        assert PERSON_ID not in full_set_text(tmp_path / "out" / "2026-06-01", "penalties", suffix)


def test_the_sql_mask_matches_the_reference_mask():
    import duckdb

    from creditwh.platform.sql import execute

    con = duckdb.connect()
    con.execute("create schema core")
    execute(con, "credit/macros")
    values = [PERSON_ID, "11010519491231002X", "E12345678", None, ""]
    got = [con.execute("select core.mask_id(?::varchar)", [v]).fetchone()[0] for v in values]
    assert got == [mask_id(v) if v else v for v in values]


def test_the_read_back_stops_a_publication_whose_frame_still_holds_an_id(scenario, tmp_path, monkeypatch):
    # the last guard, behind the masking and the hold-back: were both to miss a number, nothing is put in place
    import creditwh.publication.double_publicity as dp

    scenario.deliver("2026-05-06", "penalties", penalty(**PERSON)).run()
    monkeypatch.setattr(dp, "_published_value", lambda f: dp._text_of(f.canonical))  # the masking forgotten

    # and the hold-back given no rows to scan: it holds nothing back (its own table, as it makes it)
    real_sql = dp.sql

    def nothing_unpublished(name, **kwargs):
        text = real_sql(name, **kwargs)
        return f"select * from ({text}) limit 0" if name == "publication/unpublished_rows" else text

    monkeypatch.setattr(dp, "sql", nothing_unpublished)
    with pytest.raises(UnmaskedIdentityNumber, match="写出的公示文件"):
        publish(scenario, "2026-06-01", tmp_path / "out")
    assert not (tmp_path / "out" / "2026-06-01").exists()
    assert not [p for p in (tmp_path / "out").iterdir()]  # nor its hidden staging folder


# region 350102 + date 2026-02-22 + serial 0101: an office's license numbering that passes the ID check character
LICENSE_NO_SHAPED_LIKE_AN_ID = person_id(birth="20260222", seq="010")


def test_a_license_number_shaped_like_an_id_is_published_as_it_is(scenario, tmp_path):
    assert is_valid_id(LICENSE_NO_SHAPED_LIKE_AN_ID)  # the premise: the checker alone would call it an ID
    scenario.deliver("2026-10-10", "licenses", clean("licenses", license_no=LICENSE_NO_SHAPED_LIKE_AN_ID)).run()
    publish(scenario, "2026-10-20", tmp_path / "out")
    assert published(tmp_path / "out", "2026-10-20", "licenses")["许可编号"].to_list() == [LICENSE_NO_SHAPED_LIKE_AN_ID]


def test_a_general_penalty_leaves_publication_on_the_last_day_of_its_window(scenario, tmp_path):
    # 令第36号 (from 2026-04-01): general, at most 1 year from the decision date
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    publish(scenario, "2027-05-03", tmp_path / "out")
    publish(scenario, "2027-05-04", tmp_path / "out", full_set=True)
    assert published(tmp_path / "out", "2027-05-03").height == 1
    assert published(tmp_path / "out", "2027-05-04").height == 0


@pytest.mark.parametrize("case", ["minor", "repaired", "revoked"])
def test_excluded_records_are_not_published(scenario, tmp_path, case):
    doc = penalty()["decision_doc_no"]
    serious = dict(
        penalty_categories="吊销许可证件",
        penalty_content="吊销许可证",
        fine_10k_yuan="",
        suspended_licence="许可证 1号",
        decision_date="2026-05-04",
    )
    if case == "minor":
        scenario.deliver(
            "2026-05-06",
            "penalties",
            penalty(penalty_categories="警告", penalty_content="警告", fine_10k_yuan="", decision_date="2026-05-04"),
        )
    else:
        scenario.deliver("2026-05-06", "penalties", penalty(**serious))
    if case == "revoked":
        scenario.deliver(
            "2026-05-21",
            "objections",
            clean("objections", record_doc_no=doc, accepted_on="2026-05-10", verdict="撤销", closed_on="2026-05-20"),
        )
    if case == "repaired":
        scenario.deliver(
            "2026-05-21",
            "repairs",
            clean("repairs", record_doc_no=doc, applied_on="2026-05-10", decided_on="2026-05-20"),
        )
    scenario.run()
    publish(scenario, "2026-06-01", tmp_path / "out")
    assert published(tmp_path / "out", "2026-06-01").height == 0


def test_licenses_and_penalties_use_the_national_template_headers(scenario, tmp_path):
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    results = publish(scenario, "2026-06-01", tmp_path / "out")
    from creditwh.platform.sources import get_source

    for source in ("licenses", "penalties"):
        assert published(tmp_path / "out", "2026-06-01", source).columns == [
            f.template_header for f in get_source(source).fields
        ]
    assert "行政相对人代码_1（统一社会信用代码）" in published(tmp_path / "out", "2026-06-01").columns
    assert {r.source: r.rows for r in results} == {"licenses": 1, "penalties": 1}
    # the day's changes as a workbook for staff to upload, template columns only; what to do with each row is
    # in the operations list beside it: on the first publication, every record is 新增
    book = fastexcel.read_excel(tmp_path / "out" / "2026-06-01" / "penalties_changes.xlsx").load_sheet(0).to_polars()
    assert book.columns == [f.template_header for f in get_source("penalties").fields]
    assert operations(tmp_path / "out", "2026-06-01")["操作"].to_list() == ["新增"]


def operations(out, as_of, source="penalties"):
    return pl.read_csv(out / as_of / f"{source}_operations.csv", infer_schema=False)


def changes(out, as_of, source="penalties"):
    frame = operations(out, as_of, source)
    return sorted(zip(frame["操作"].to_list(), frame["决定文书号"].to_list(), strict=False))


def test_the_change_feed_adds_updates_and_withdraws(scenario, tmp_path):
    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **general))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", **general))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="丙3号", **general))
    scenario.run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    assert changes(out, "2026-05-10") == [("新增", "丙3号"), ("新增", "乙2号"), ("新增", "甲1号")]
    # a correction re-delivers 甲 with a new fine; 乙 is repaired; 丙 is revoked after an objection
    scenario.deliver(
        "2026-05-20",
        "penalties",
        penalty(decision_doc_no="甲1号", **{**general, "fine_10k_yuan": "0.6", "penalty_content": "罚款人民币6000元"}),
    )
    scenario.deliver(
        "2026-05-20",
        "repairs",
        clean("repairs", record_doc_no="乙2号", applied_on="2026-05-15", decided_on="2026-05-19"),
    )
    scenario.deliver(
        "2026-05-20",
        "objections",
        clean("objections", record_doc_no="丙3号", accepted_on="2026-05-12", verdict="撤销", closed_on="2026-05-19"),
    )
    scenario.run()
    publish(scenario, "2026-05-21", out)
    assert changes(out, "2026-05-21") == [("撤下", "丙3号"), ("撤下", "乙2号"), ("更新", "甲1号")]
    # publishing the same day again gives the same feed
    publish(scenario, "2026-05-21", out)
    assert changes(out, "2026-05-21") == [("撤下", "丙3号"), ("撤下", "乙2号"), ("更新", "甲1号")]


def full_sets(out):
    return full_set_days(out)


def test_the_full_set_is_written_on_the_first_day_and_again_when_the_last_is_a_policy_period_old(scenario, tmp_path):
    from creditwh.platform.policy import full_set_every_days

    every = full_set_every_days()
    assert every == 7  # the policy default this test reads the days from
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    out = tmp_path / "out"
    days = ["2026-05-10", "2026-05-11", "2026-05-16", "2026-05-17", "2026-05-18"]
    results = {day: publish(scenario, day, out) for day in days}
    assert full_sets(out) == ["2026-05-10", "2026-05-17"]
    # every day has its changes; a day without a full set names the one its changes apply to
    assert all((out / day / "penalties_changes.csv").exists() for day in days)
    assert [str(results[day][0].full_set) for day in days] == ["2026-05-10"] * 3 + ["2026-05-17"] * 2
    assert any("2026-05-10" in note for note in results["2026-05-11"][0].notes)


def test_the_full_set_lists_records_by_decision_date(scenario, tmp_path):
    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")
    # delivered in one order, keyed in another (丙 < 乙 < 甲), decided in a third
    scenario.deliver("2026-05-12", "penalties", penalty(decision_doc_no="甲1号", decision_date="2026-05-08", **general))
    scenario.deliver("2026-05-12", "penalties", penalty(decision_doc_no="乙2号", decision_date="2026-05-11", **general))
    scenario.deliver("2026-05-12", "penalties", penalty(decision_doc_no="丙3号", decision_date="2026-05-04", **general))
    scenario.run()
    publish(scenario, "2026-05-20", tmp_path / "out")
    assert published(tmp_path / "out", "2026-05-20")["行政处罚决定书文号"].to_list() == ["丙3号", "甲1号", "乙2号"]


def test_a_full_set_on_request_is_written_whatever_the_policy_says(scenario, tmp_path):
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    publish(scenario, "2026-05-11", out, full_set=True)
    assert full_sets(out) == ["2026-05-10", "2026-05-11"]
    assert published(out, "2026-05-11").height == 1


def test_re_running_a_day_that_holds_a_full_set_rewrites_it_from_todays_records(scenario, tmp_path):
    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **general)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    publish(scenario, "2026-05-11", out, full_set=True)
    scenario.deliver("2026-05-11", "penalties", penalty(decision_doc_no="乙2号", **general)).run()
    publish(scenario, "2026-05-11", out)  # the scheduled re-run: not due by policy, but the folder holds a set
    assert sorted(published(out, "2026-05-11")["行政处罚决定书文号"].to_list()) == ["乙2号", "甲1号"]


def test_the_last_full_set_plus_each_later_days_changes_is_the_set_in_force(scenario, tmp_path):
    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **general))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", **general)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    scenario.deliver("2026-05-11", "penalties", penalty(decision_doc_no="丙3号", **general))
    scenario.deliver(
        "2026-05-11",
        "penalties",
        penalty(decision_doc_no="甲1号", **{**general, "fine_10k_yuan": "0.6", "penalty_content": "罚款人民币6000元"}),
    )
    scenario.deliver(
        "2026-05-11",
        "repairs",
        clean("repairs", record_doc_no="乙2号", applied_on="2026-05-09", decided_on="2026-05-10"),
    )
    scenario.run()
    publish(scenario, "2026-05-12", out)
    assert full_sets(out) == ["2026-05-10"]
    # what a platform does with the upload: apply 新增/更新/撤下 to the set it holds, keyed by the document number
    key = "行政处罚决定书文号"
    held = {row[key]: row for row in published(out, "2026-05-10").to_dicts()}
    imported = pl.read_csv(out / "2026-05-12" / "penalties_changes.csv", infer_schema=False).to_dicts()
    for operation in operations(out, "2026-05-12").to_dicts():
        if operation["操作"] == "撤下":
            del held[operation["决定文书号"]]
        else:
            row = imported[int(operation["导入文件行号"]) - 1]
            assert row[key] == operation["决定文书号"]
            held[row[key]] = row
    publish(scenario, "2026-05-12", out, full_set=True)  # the set in force, written for the comparison
    expected = {row[key]: row for row in published(out, "2026-05-12").to_dicts()}
    assert held == expected and sorted(held) == ["丙3号", "甲1号"]


def test_the_file_check_reads_json_lines_whose_early_rows_are_all_empty_in_a_column(tmp_path):
    # found at 1M rows: exit dates are null for the first hundreds of black-list entries
    from creditwh.publication.double_publicity import scan_files_for_ids

    path = tmp_path / "black_list.jsonl"
    pl.DataFrame(
        {"移出日期": [None] * 300 + ["2026-09-10"], "备注": [None] * 300 + [f"身份证{PERSON_ID}"]}
    ).write_ndjson(path)
    scenario = Scenario(tmp_path / "warehouse")
    scenario.deliver("2026-05-06", "penalties", penalty()).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        assert scan_files_for_ids(con, [path]) == [("black_list.jsonl", mask_id(PERSON_ID))]


def test_changes_beyond_one_worksheet_are_published_as_csv_only_with_a_note(scenario, tmp_path, monkeypatch):
    import creditwh.publication.double_publicity as publication

    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    for doc in ("甲1号", "乙2号"):
        scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no=doc, **general))
    scenario.run()
    monkeypatch.setattr(publication, "XLSX_MAX_ROWS", 1)  # a sheet of one row: two 新增 do not fit
    results = {r.source: r for r in publish(scenario, "2026-05-10", tmp_path / "out")}
    folder = tmp_path / "out" / "2026-05-10"
    assert changes(tmp_path / "out", "2026-05-10") == [("新增", "乙2号"), ("新增", "甲1号")]
    assert not (folder / "penalties_changes.xlsx").exists()
    assert any("penalties_changes.csv" in note for note in results["penalties"].notes)


def test_an_earlier_day_cannot_be_published_after_a_later_one(scenario, tmp_path):
    from creditwh.publication.double_publicity import PublicationOrderError

    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04"),
    ).run()
    publish(scenario, "2026-05-21", tmp_path / "out")
    with pytest.raises(PublicationOrderError, match="不能再发布更早"):
        publish(scenario, "2026-05-10", tmp_path / "out")


def test_the_history_keeps_one_row_per_published_version_not_per_day(scenario, tmp_path):
    general = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **general)).run()
    for day in ("2026-05-10", "2026-05-11", "2026-05-12"):
        publish(scenario, day, tmp_path / "out")
    scenario.deliver(
        "2026-05-20",
        "penalties",
        penalty(decision_doc_no="甲1号", **{**general, "fine_10k_yuan": "0.6", "penalty_content": "罚款人民币6000元"}),
    ).run()
    publish(scenario, "2026-05-21", tmp_path / "out")
    rows = scenario.query(
        "select decision_doc_no, published_from, published_to from publish.double_publicity_history "
        "where source = 'penalties' order by published_from"
    )
    assert [(r[0], str(r[1]), r[2] and str(r[2])) for r in rows] == [
        ("甲1号", "2026-05-10", "2026-05-21"),
        ("甲1号", "2026-05-21", None),
    ]


def test_the_older_daily_log_becomes_intervals_with_nothing_lost():
    import duckdb

    from creditwh.platform.sql import execute

    con = duckdb.connect()
    con.execute("create schema publish")
    con.execute(
        "create table publish.double_publicity_log (as_of date, source varchar, record_key varchar, "
        "decision_doc_no varchar, subject_name varchar, content_hash ubigint)"
    )
    # A shown on three days, its content changed on the third; B shown on the first day only
    con.execute(
        "insert into publish.double_publicity_log values "
        "('2026-05-10', 'penalties', 'A', '甲1号', '张三', 1), ('2026-05-11', 'penalties', 'A', '甲1号', '张三', 1), "
        "('2026-05-12', 'penalties', 'A', '甲1号', '张三', 2), ('2026-05-10', 'penalties', 'B', '乙2号', '李四', 7)"
    )
    execute(con, "publication/log_tables")
    execute(con, "publication/log_migrate")
    history = con.execute(
        "select record_key, content_hash, published_from::varchar, published_to::varchar "
        "from publish.double_publicity_history order by record_key, published_from"
    ).fetchall()
    assert history == [
        ("A", 1, "2026-05-10", "2026-05-12"),
        ("A", 2, "2026-05-12", None),
        ("B", 7, "2026-05-10", "2026-05-11"),
    ]
    assert con.execute("select count(*) from publish.double_publicity_runs").fetchone()[0] == 3


def test_an_id_in_a_changed_record_is_masked_in_the_next_publication(scenario, tmp_path):
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    publish(scenario, "2026-06-01", tmp_path / "out")  # clean: published, and recorded as checked
    assert published(tmp_path / "out", "2026-06-01").height == 1
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        from creditwh.platform.sql import quote_literal, sql
        from creditwh.publication.double_publicity import build_frame

        frame = build_frame(con, "penalties", date(2026, 6, 2))
        unchecked = sql("publication/unpublished_rows", fragments={"source": quote_literal("penalties")}, frame=frame)
        assert con.execute(f"select count(*) from ({unchecked})").fetchone() == (0,)  # nothing new to scan
        # a correction arrives with the ID in the facts: it is masked where it stands, and published as an update
        con.execute("update staging.penalties set violation_facts = ?", [f"当事人身份证号{PERSON_ID}"])
        # logged as a validation logs the records it changed: the next day builds them
        con.execute("insert into ops.change_batches values ('correction', 'penalties', false, now())")
        con.execute(
            "insert into ops.record_changes select 'correction', 'penalties', record_key from staging.penalties"
        )
    [result, *_] = [r for r in publish(scenario, "2026-06-02", tmp_path / "out") if r.source == "penalties"]
    assert result.changes == {"更新": 1}
    changed = pl.read_csv(tmp_path / "out" / "2026-06-02" / "penalties_changes.csv", infer_schema=False)
    assert changed["违法事实"].to_list() == [f"当事人身份证号{mask_id(PERSON_ID)}"]


def test_staff_ask_for_a_full_set_through_the_assets_run_config(scenario, tmp_path, monkeypatch):
    import dagster as dg

    from assets.publication import double_publicity
    from pipelines.resources import WarehouseResource

    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    ).run()
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "data" / "publish" / "double_publicity"

    def run(day, **config):
        monkeypatch.setenv("CREDIT_TODAY", day)
        result = dg.materialize(
            [double_publicity],
            resources={"warehouse": WarehouseResource(path=str(scenario.workdir / "warehouse.duckdb"))},
            run_config={"ops": {"publish__double_publicity": {"config": config}}} if config else None,
        )
        assert result.success
        [event] = result.get_asset_materialization_events()
        return event.materialization.metadata

    assert run("2026-05-10")["full_set_penalties"].value == "2026-05-10"  # the first day: none exists yet
    assert run("2026-05-11")["full_set_penalties"].value == "2026-05-10"  # not due by policy
    assert run("2026-05-12", full_set=True)["full_set_penalties"].value == "2026-05-12"
    assert full_sets(out) == ["2026-05-10", "2026-05-12"]


def test_the_field_tables_mark_the_personal_columns_masked_on_publication():
    from creditwh.platform.sources import get_source
    from creditwh.publication.double_publicity import PERSONAL_COLUMNS, PUBLISHED_SOURCES

    for source in PUBLISHED_SOURCES:
        fields = get_source(source).fields
        noted = {f.canonical for f in fields if "personal data" in f.notes}
        assert noted == {f.canonical for f in fields if f.publication == "mask"} == set(PERSONAL_COLUMNS)


@pytest.mark.parametrize("withholds, height", [(False, 1), (True, 0)])
def test_a_record_under_objection_stays_published_and_marked_unless_policy_withholds_it(
    scenario, tmp_path, monkeypatch, withholds, height
):
    # REFERENCE §3: an objection suspends the measures (联合惩戒措施在信息核实期间暂不执行), not the publication;
    # policy double_publicity.objection_withholds: true restores the old behaviour
    from creditwh.publication import double_publicity

    monkeypatch.setattr(double_publicity, "objection_withholds", lambda: withholds)
    doc = penalty()["decision_doc_no"]
    general = penalty(decision_date="2026-05-04", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")
    scenario.deliver("2026-05-06", "penalties", general)
    scenario.deliver("2026-05-21", "objections", clean("objections", record_doc_no=doc, accepted_on="2026-05-20"))
    scenario.run()
    results = publish(scenario, "2026-06-01", tmp_path / "out")
    assert published(tmp_path / "out", "2026-06-01").height == height
    notes = [n for r in results if r.source == "penalties" for n in r.notes]
    assert any(n.startswith("异议处理中") and doc in n for n in notes) is (not withholds)


def test_the_privacy_check_fails_when_a_file_in_place_is_not_the_one_read_back_before_publishing(scenario, tmp_path):
    # The publication reads every file it wrote back from disk and refuses the folder on a finding; the asset
    # check proves the files in place are those bytes (the manifest's sha256), rather than reading them all again.
    from assets.publication import _privacy_check

    scenario.deliver("2026-05-06", "penalties", penalty(**PERSON)).run()
    results = publish(scenario, "2026-06-01", tmp_path / "out", full_set=True)
    folder, files = tmp_path / "out" / "2026-06-01", [f for r in results for f in r.files]
    assert _privacy_check(folder, files).passed
    changed = next(f for f in files if f.name == "penalties_changes.csv")
    changed.write_text(changed.read_text(encoding="utf-8-sig") + PERSON_ID + "\n", encoding="utf-8-sig")
    check = _privacy_check(folder, files)
    assert not check.passed
    assert "penalties_changes.csv" in check.metadata["findings"].value
