"""红黑名单公示 and 更正/撤销公告: what the city platform is told about list entries, exits and revocations."""

import hashlib
import shutil
from datetime import date

import polars as pl
import pytest

from creditwh.platform.codes import mask_id
from creditwh.platform.warehouse import connect
from creditwh.publication import lists
from creditwh.publication.double_publicity import (
    UnmaskedIdentityNumber,
    publish_double_publicity,
    refuse_files_with_ids,
    refuse_unmasked,
)
from creditwh.publication.lists import publish_lists
from creditwh.sample.builders import COMPANY_USCC, PERSON_ID, as_person, clean, penalty, serious_penalty, uscc
from tests.support.scenario import Scenario

DOC = serious_penalty()["decision_doc_no"]


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def publish(scenario, as_of):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return {r.name: r.rows for r in publish_lists(con, date.fromisoformat(as_of), scenario.workdir / "out")}


def published(scenario, as_of, out):
    """The day's publications, and which of them this run wrote (the others were the last folder's, unchanged)."""
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        results = publish_lists(con, date.fromisoformat(as_of), out)
    return {r.name for r in results if r.written}


def read(scenario, as_of, name):
    return pl.read_csv(scenario.workdir / "out" / as_of / f"{name}.csv", infer_schema=False).to_dicts()


def objection(**overrides):
    return clean("objections", record_doc_no=DOC, **overrides)


def test_a_black_listing_is_published_after_its_notice_period_with_basis_and_measures(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    # 国办发〔2020〕49号: the subject is told first; the listing enters 5 working days after the bureau knew
    (entered_on,) = scenario.query("select entered_on from marts.list_memberships")[0]
    # delivered Wed 6 May: 7, 8, 9 (a make-up working Saturday after the May Day holiday), 11, 12 May
    assert entered_on == date(2026, 5, 12)
    assert publish(scenario, "2026-05-11")["black_list"] == 0
    publish(scenario, "2026-05-12")
    (row,) = read(scenario, "2026-05-12", "black_list")
    assert row["统一社会信用代码/证件号码"] == COMPANY_USCC
    assert row["列入依据"] == "严重失信行政处罚" and row["依据文书号"] == DOC
    assert (row["列入日期"], row["公示日期"], row["状态"]) == ("2026-05-12", "2026-05-12", "列入")
    assert "限制参加政府采购活动" in row["惩戒/激励措施"] and "列为重点监管对象" in row["惩戒/激励措施"]


def test_a_record_delivered_late_enters_from_its_delivery_and_is_dated_by_the_file_that_first_carried_it(scenario):
    # REFERENCE §5: decided 4 May, but the bureau first received it on 1 June; nothing may claim it was listed or
    # published before the bureau could know of it
    scenario.deliver("2026-06-01", "penalties", serious_penalty(decision_date="2026-05-04")).run()
    (entered_on,) = scenario.query("select entered_on from marts.list_memberships")[0]
    assert entered_on == date(2026, 6, 8)  # 5 working days after 1 June
    publish(scenario, "2026-06-10")  # the first list file to carry it
    publish(scenario, "2026-06-15")
    (row,) = read(scenario, "2026-06-15", "black_list")
    assert (row["列入日期"], row["公示日期"]) == ("2026-06-08", "2026-06-10")
    check = scenario.check(COMPANY_USCC, "2026-06-15")
    assert [(e["entered_on"], e["published_on"]) for e in check["lists"]] == [(date(2026, 6, 8), date(2026, 6, 10))]


def test_a_repaired_listing_leaves_the_list_the_day_it_exits_and_its_exit_is_announced(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2027-06-02", "repairs", clean("repairs", record_doc_no=DOC, applied_on="2027-05-20", decided_on="2027-06-01")
    )
    scenario.run()
    publish(scenario, "2027-05-31")
    assert read(scenario, "2027-05-31", "black_list")[0]["状态"] == "列入"
    assert publish(scenario, "2027-06-02")["black_list"] == 0
    (notice,) = read(scenario, "2027-06-02", "list_notices")
    assert (notice["公告类型"], notice["原公示渠道"], notice["原记录文书号"], notice["核查决定日期"]) == (
        "移出公告",
        "黑名单",
        DOC,
        "2027-06-01",
    )
    assert "信用修复" in notice["公告内容"] and notice["原公示日期"] == "2027-05-31"


def test_a_listing_corrected_away_keeps_its_entry_id_and_its_exit_is_announced(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    assert publish(scenario, "2026-05-29")["black_list"] == 1
    # re-delivered on 2 June as a fine: the record no longer supports the listing, and the next run learns it
    fine = serious_penalty(
        penalty_categories="罚款", penalty_content="罚款人民币5万元", fine_10k_yuan="5", suspended_licence=""
    )
    scenario.deliver("2026-06-02", "penalties", fine).run()
    assert publish(scenario, "2026-06-03")["black_list"] == 0
    (notice,) = read(scenario, "2026-06-03", "list_notices")
    assert (notice["公告类型"], notice["原公示渠道"], notice["原记录文书号"]) == ("移出公告", "黑名单", DOC)
    assert "更正" in notice["公告内容"]


def test_a_listing_under_objection_is_held_back_while_it_is_verified(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver("2026-06-02", "objections", objection(accepted_on="2026-06-01"))
    scenario.run()
    assert publish(scenario, "2026-05-29")["black_list"] == 1
    assert publish(scenario, "2026-06-03")["black_list"] == 0


def test_a_revoked_listing_leaves_the_list_and_gets_a_revocation_notice(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-06-21", "objections", objection(accepted_on="2026-06-01", verdict="撤销", closed_on="2026-06-20")
    )
    scenario.run()
    assert publish(scenario, "2026-05-29")["black_list"] == 1  # the public saw it before the objection
    counts = publish(scenario, "2026-06-22")
    assert counts["black_list"] == 0
    (notice,) = read(scenario, "2026-06-22", "list_notices")
    assert (notice["公告类型"], notice["原公示渠道"], notice["原记录文书号"], notice["核查决定日期"]) == (
        "撤销公告",
        "黑名单",
        DOC,
        "2026-06-20",
    )
    assert "自始不产生信用影响" in notice["公告内容"]


def test_a_record_revoked_before_anyone_saw_it_needs_no_notice(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    # revoked before the listing's 5-working-day notice ran out, and never in a 双公示 file
    scenario.deliver(
        "2026-05-08", "objections", objection(accepted_on="2026-05-06", verdict="撤销", closed_on="2026-05-07")
    )
    scenario.run()
    assert publish(scenario, "2026-06-01") == {"black_list": 0, "red_list": 0, "list_notices": 0, "commitment_list": 0}


def test_a_correction_of_a_published_record_gets_a_correction_notice(scenario):
    general = penalty(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
    scenario.deliver("2026-05-06", "penalties", general).run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:  # the 双公示 file shows it on 2026-05-10
        publish_double_publicity(con, date(2026, 5, 10), scenario.workdir / "dp")
    scenario.deliver(
        "2026-05-21",
        "objections",
        clean(
            "objections",
            record_doc_no=general["decision_doc_no"],
            accepted_on="2026-05-12",
            verdict="更正",
            closed_on="2026-05-20",
            correction="罚款金额（万元）=0.4",
        ),
    )
    scenario.run()
    publish(scenario, "2026-05-21")
    (notice,) = read(scenario, "2026-05-21", "list_notices")
    assert (notice["公告类型"], notice["原公示渠道"], notice["原公示日期"]) == ("更正公告", "双公示", "2026-05-10")
    assert notice["公告内容"].endswith("罚款金额（万元）=0.4")


def test_an_upstream_red_source_entry_is_published_with_its_rewards(scenario):
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        clean(
            "upstream_lists",
            list_type="纳税信用A级纳税人",
            kind="激励",
            listed_on="2026-05-10",
            valid_until="2026-12-31",
            decision_doc_no="榕税A〔2026〕1号",
        ),
    ).run()
    publish(scenario, "2026-06-01")
    (row,) = read(scenario, "2026-06-01", "red_list")
    # listed upstream on 10 May, known to the bureau from its delivery on 11 May, first carried on 1 June
    assert (row["列入依据"], row["依据文书号"], row["列入日期"], row["公示日期"], row["状态"]) == (
        "守信名单（上级或外部认定）",
        "榕税A〔2026〕1号",
        "2026-05-11",
        "2026-06-01",
        "列入",
    )
    assert "绿色通道" in row["惩戒/激励措施"]


PERSON = as_person()


def test_a_listed_person_is_shown_by_a_masked_identity_number(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty(**PERSON)).run()
    publish(scenario, "2026-06-01")
    (row,) = read(scenario, "2026-06-01", "black_list")
    assert row["统一社会信用代码/证件号码"] == mask_id(PERSON_ID)
    for suffix in ("csv", "jsonl"):
        assert PERSON_ID not in (scenario.workdir / "out" / "2026-06-01" / f"black_list.{suffix}").read_text(
            "utf-8-sig"
        )


def test_the_privacy_check_stops_a_list_publication_with_a_planted_id(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-06-21",
        "objections",
        objection(
            accepted_on="2026-06-01", verdict="更正", closed_on="2026-06-20", correction=f"当事人身份证号={PERSON_ID}"
        ),
    )
    scenario.run()
    publish(scenario, "2026-05-29")  # the public saw the listing: its correction is announced
    with pytest.raises(UnmaskedIdentityNumber, match="未脱敏"):
        publish(scenario, "2026-06-22")
    assert not (scenario.workdir / "out" / "2026-06-22").exists()


RED_USCC = uscc("91", "350102", "MA2Y3K1Q")
TAX_A = clean(
    "upstream_lists",
    list_type="纳税信用A级纳税人",
    kind="激励",
    subject_name="福州市鼓楼区榕城贸易有限公司",
    uscc=RED_USCC,
    listed_on="2026-05-10",
    valid_until="2026-12-31",
    decision_doc_no="榕税A〔2026〕1号",
)


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.name != "manifest.json"}


def test_a_list_is_written_again_only_when_its_content_changed_and_reads_as_a_whole_rewrite(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())  # black-listed from 12 May
    scenario.deliver("2026-05-11", "upstream_lists", TAX_A)  # red-listed from 11 May
    scenario.deliver(
        "2026-06-21", "objections", objection(accepted_on="2026-06-01", verdict="撤销", closed_on="2026-06-20")
    )
    scenario.run()
    # the same warehouse, each day published into an empty folder: every file written whole
    whole = Scenario(tmp_path / "whole")
    whole.workdir.mkdir()
    shutil.copy(scenario.workdir / "warehouse.duckdb", whole.workdir / "warehouse.duckdb")
    out = scenario.workdir / "out"
    days = ["2026-05-11", "2026-05-12", "2026-05-13", "2026-06-22"]
    written = {}
    for day in days:
        written[day] = published(scenario, day, out)
        published(whole, day, whole.workdir / day)
    assert written == {
        "2026-05-11": {"black_list", "red_list", "list_notices", "commitment_list"},  # the first publication
        "2026-05-12": {"black_list"},  # the listing enters; the red list and the notices are as they were
        "2026-05-13": set(),  # nothing changed: the entry still says it was first published on 12 May
        "2026-06-22": {"black_list", "list_notices"},  # revoked: it leaves, and the revocation is announced
    }
    for earlier, day in zip(days, days[1:], strict=False):
        for path in (out / day).iterdir():
            if path.name != "manifest.json" and path.stem.split(".")[0] not in written[day]:
                assert path.stat().st_ino == (out / earlier / path.name).stat().st_ino, path  # not written again
    for day in days:  # what the public gets each day is byte for byte what a whole rewrite gives
        assert digests(out / day) == digests(whole.workdir / day / day), day
    log = "select * from publish.{} order by all"
    for table in ("list_publication_log", "list_publication_runs"):
        assert scenario.query(log.format(table)) == whole.query(log.format(table)), table
    for day in days:  # the credit check's 公示日期 is read from the log: the same answers
        for code in (COMPANY_USCC, RED_USCC):
            assert scenario.check(code, day)["lists"] == whole.check(code, day)["lists"]
    assert [(e["list"], e["published_on"]) for e in scenario.check(COMPANY_USCC, "2026-05-13")["lists"]] == [
        ("black", date(2026, 5, 12))
    ]


def test_a_file_missing_from_the_last_folder_is_written_again(scenario):
    scenario.deliver("2026-05-11", "upstream_lists", TAX_A).run()
    out = scenario.workdir / "out"
    published(scenario, "2026-05-11", out)
    (out / "2026-05-11" / "red_list.csv").unlink()
    assert published(scenario, "2026-05-12", out) == {"red_list"}
    assert read(scenario, "2026-05-12", "red_list")[0]["统一社会信用代码/证件号码"] == RED_USCC


def test_an_entry_id_whose_digits_have_an_id_s_shape_is_no_leak_but_a_number_beside_it_is(tmp_path):
    # 名单记录编号 is 'E' and 31 hex digits of a salted hash: 15 of them in a row can read as a first-generation
    # ID (350102 200305 127) by chance; the 1M-row bench's black list was refused for three such ids
    shaped = "E350102200305127abcdef0123456789"
    clean_file, leaking_file = tmp_path / "black_list.csv", tmp_path / "red_list.csv"
    clean_file.write_text(f"名单记录编号,主体名称\n{shaped},闽江科技\n", encoding="utf-8")
    leaking_file.write_text(f"名单记录编号,主体名称\n{shaped},张三 350102200305127\n", encoding="utf-8")
    with connect(tmp_path / "warehouse.duckdb") as con:
        con.execute("create schema if not exists core; create table core.subjects (subject_key varchar)")
        refuse_files_with_ids(con, [clean_file], lists._scanned)
        with pytest.raises(UnmaskedIdentityNumber):
            refuse_files_with_ids(con, [leaking_file], lists._scanned)
        with pytest.raises(UnmaskedIdentityNumber):  # scanned whole, the entry id itself reads as an ID
            refuse_files_with_ids(con, [clean_file])


def test_a_whole_rebuild_writes_every_list_again_with_the_same_bytes(scenario, monkeypatch):
    scenario.deliver("2026-05-11", "upstream_lists", TAX_A).run()
    out = scenario.workdir / "out"
    published(scenario, "2026-05-11", out)
    assert published(scenario, "2026-05-12", out) == set()  # unchanged: linked from 11 May
    monkeypatch.setenv("CREDIT_WHOLE_REBUILD", "1")
    assert published(scenario, "2026-05-12", out) == {"black_list", "red_list", "list_notices", "commitment_list"}
    for path in (out / "2026-05-12").iterdir():
        if path.name != "manifest.json":
            assert path.stat().st_ino != (out / "2026-05-11" / path.name).stat().st_ino, path  # written, not linked
            assert path.read_bytes() == (out / "2026-05-11" / path.name).read_bytes(), path


def test_a_person_s_subject_key_whose_hex_digits_have_an_id_s_shape_is_no_leak(tmp_path):
    # the key is 'P' and a salted SHA-256 in hex: at 10M rows some hold 15 digits in a row that pass as a
    # first-generation ID; it is kept for the publication log and never written to a file
    shaped = "P" + "350102200305127" + "ab" * 24
    with connect(tmp_path / "warehouse.duckdb") as con:
        con.execute("create schema if not exists core; create table core.subjects (subject_key varchar)")
        con.execute(f"create temp table frame as select '{shaped}' as subject_key, '闽江科技' as 主体名称")
        refuse_unmasked(con, {"black_list": lists._scanned("frame")})
        with pytest.raises(UnmaskedIdentityNumber):  # scanned whole, the key reads as an ID
            refuse_unmasked(con, {"black_list": "frame"})
