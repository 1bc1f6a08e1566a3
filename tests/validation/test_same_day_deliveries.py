"""Deliveries of one reporting day that do not agree with themselves: the same record in two files of the day, and a
re-sent day that no longer holds a record (issue 23, cases 3 and 4).

The rule, as the bureau's legal adviser would have it: a fine published wrongly is a legal error (行政处罚法 第四十八条:
withdrawn within 3 days), and only the unit knows which of two files it meant. So two versions of a record that differ
are both held (rule kind same_day_conflict): neither is published or counts for a credit standing, the unit's
correction list shows both, and the next delivery of one version resolves it. Copies identical in content are one
record and no warning. A record a re-sent day drops is withdrawn, and the run summary and the correction list say so.
"""

from datetime import date

import polars as pl
import pytest

from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import build_frame, publish_double_publicity
from creditwh.sample.builders import COMPANY_USCC, penalty
from creditwh.validation.run_summary import run_summary
from tests.replay.replay import answers, differences, today
from tests.support.scenario import Scenario

DOC = penalty()["decision_doc_no"]
ONE_WAN = dict(fine_10k_yuan="1", penalty_content="罚款人民币1万元")
SEVEN_WAN = dict(fine_10k_yuan="7", penalty_content="罚款人民币7万元")
OTHER = penalty(decision_doc_no="榕鼓财罚〔2026〕13号")


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def rejections(scenario, rule_id):
    return scenario.query(
        "select source_file, source_row, field, value, message_zh from quality.rejections where rule_id = ? "
        "order by source_file",
        [rule_id],
    )


def publish(scenario, as_of, out):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        publish_double_publicity(con, date.fromisoformat(as_of), out)
    return pl.read_csv(out / as_of / "penalties_operations.csv", infer_schema=False)


def current_fines(scenario):
    return scenario.query(
        "select fine_10k_yuan::varchar from staging.penalties_latest where decision_doc_no = ?", [DOC]
    ) + scenario.query(
        "select 'event' from core.credit_events where record_doc_no = ? and superseded_on is null", [DOC]
    )


def published_fine(scenario, as_of):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        frame = build_frame(con, "penalties", date.fromisoformat(as_of))
        return con.execute(f"select fine_10k_yuan from {frame} where decision_doc_no = ?", [DOC]).fetchall()


def two_files_that_differ(scenario, day="2026-10-12"):
    return scenario.deliver(day, "penalties", penalty(**ONE_WAN), file="a.csv").deliver(
        day, "penalties", penalty(**SEVEN_WAN), file="b.csv"
    )


def test_two_files_of_one_day_that_differ_hold_the_record_and_list_both_versions(scenario, tmp_path):
    two_files_that_differ(scenario).run()
    versions = "penalties/2026-10-12/a.csv 第 2 行 与 penalties/2026-10-12/b.csv 第 2 行"
    # the rule fires on both versions, naming both, with the fields that differ as each file gave them
    assert rejections(scenario, "CF096") == [
        (
            "penalties/2026-10-12/a.csv",
            2,
            "penalty_content,fine_10k_yuan",
            "处罚内容：罚款人民币1万元；罚款金额（万元）：1",
            f"同一报送日两个文件中同一记录内容不一致：{versions}，本日两个版本均未采用（此前报送的版本如有，继续有效），请确认后重新报送一个版本",
        ),
        (
            "penalties/2026-10-12/b.csv",
            2,
            "penalty_content,fine_10k_yuan",
            "处罚内容：罚款人民币7万元；罚款金额（万元）：7",
            f"同一报送日两个文件中同一记录内容不一致：{versions}，本日两个版本均未采用（此前报送的版本如有，继续有效），请确认后重新报送一个版本",
        ),
    ]
    # held: neither version is current, counts for a standing, or is published
    assert current_fines(scenario) == []
    assert not scenario.check(COMPANY_USCC, "2026-10-20")["evidence"]
    assert published_fine(scenario, "2026-10-20") == []
    # the unit's correction list shows both versions, file, row and value
    listed = scenario.correction_lists(tmp_path / "lists").filter(pl.col("规则编号") == "CF096")
    assert listed.select("文件", "行号", "原值").rows() == [
        ("penalties/2026-10-12/a.csv", 2, "处罚内容：罚款人民币1万元；罚款金额（万元）：1"),
        ("penalties/2026-10-12/b.csv", 2, "处罚内容：罚款人民币7万元；罚款金额（万元）：7"),
    ]
    assert listed["处理要求"].to_list() == ["拒收：请更正后重新报送"] * 2


def test_a_later_day_that_sends_one_version_resolves_the_conflict_and_as_known_then_stays_replayable(tmp_path):
    def deliveries(workdir, up_to):
        scenario = two_files_that_differ(Scenario(workdir))
        if up_to >= "2026-10-13":  # the unit's next day's file, with the version it meant
            scenario.deliver("2026-10-13", "penalties", penalty(**SEVEN_WAN)).deliver("2026-10-13", "penalties", OTHER)
        with today(date.fromisoformat(up_to)):
            return scenario.run()

    full = deliveries(tmp_path / "full", "2026-10-20")
    assert current_fines(full) == [("7.000000",), ("event",)]
    assert published_fine(full, "2026-10-20") == [("7.000000",)]
    # as known on 10-12 the record was held: the full warehouse says so, as one built from the deliveries up to then
    assert published_fine(full, "2026-10-12") == []
    replayed, day = deliveries(tmp_path / "replayed", "2026-10-12"), date(2026, 10, 12)
    assert not differences(answers(full, [COMPANY_USCC], day), answers(replayed, [COMPANY_USCC], day), day)


def test_a_held_record_keeps_the_version_an_earlier_day_delivered(scenario):
    scenario.deliver("2026-10-09", "penalties", penalty(**ONE_WAN, remarks="首次报送"))
    two_files_that_differ(scenario).run()
    assert current_fines(scenario) == [("1.000000",), ("event",)]
    assert published_fine(scenario, "2026-10-20") == [("1.000000",)]


def test_identical_copies_in_two_files_of_one_day_are_one_record_and_no_warning(scenario):
    scenario.deliver("2026-10-12", "penalties", penalty(**SEVEN_WAN), file="a.csv")
    scenario.deliver("2026-10-12", "penalties", penalty(**SEVEN_WAN), file="b.csv")
    scenario.deliver("2026-10-12", "penalties", OTHER, file="b.csv").run()
    assert scenario.query("select rule_id from quality.rejections") == []
    assert current_fines(scenario) == [("7.000000",), ("event",)]
    assert published_fine(scenario, "2026-10-20") == [("7.000000",)]


def test_a_resend_that_drops_a_record_withdraws_it_and_the_summary_and_correction_list_say_so(scenario, tmp_path):
    corrected = penalty(decision_doc_no="榕鼓财罚〔2026〕14号", **ONE_WAN)
    scenario.deliver("2026-10-09", "penalties", dict(corrected, **SEVEN_WAN))
    for row in (penalty(**ONE_WAN), OTHER, corrected):
        scenario.deliver("2026-10-12", "penalties", row, file="day.csv")
    scenario.run()
    publish(scenario, "2026-10-12", tmp_path / "out")
    # the clerk re-sends 10-12 and leaves out two records: one only 10-12 held, and a correction of a 10-09 record
    scenario.resend("2026-10-12", "penalties").deliver("2026-10-12", "penalties", OTHER, file="day.csv").run()
    operations = publish(scenario, "2026-10-13", tmp_path / "out")
    assert operations.select("操作", "决定文书号", "撤下原因").rows() == [
        ("更新", "榕鼓财罚〔2026〕14号", None),  # back to its 10-09 version: not withdrawn
        ("撤下", DOC, "重新报送的文件中已不含该记录 / the re-sent file no longer holds it"),
    ]
    withdrawn = (
        "警告：1 条记录因重新报送的文件中已不含而撤下 / 1 records withdrawn because the re-sent file no longer holds "
        "them: penalties/2026-10-12/day.csv（2026-10-12 重新报送 / re-sent）"
    )
    # the correction went back to the fine the unit had corrected: published as 更新, so it must be said too
    reverted = (
        "警告：1 条记录因重新报送的文件中已不含本日版本，已恢复为此前报送的版本 / 1 records reverted to an earlier "
        "day's version because the re-sent file no longer holds them: penalties/2026-10-12/day.csv（2026-10-12 重新报送 / "
        "re-sent）"
    )
    summary = run_summary(scenario.workdir / "warehouse.duckdb", scenario.run_id)
    assert sorted(line.split(maxsplit=1)[1] for line in summary if "警告" in line) == sorted([withdrawn, reverted])
    listed = scenario.correction_lists(tmp_path / "lists").filter(pl.col("处理要求").str.starts_with("提示"))
    assert sorted(listed.select("文件", "行号", "问题说明", "处理要求").rows()) == [
        (
            "penalties/2026-10-12/day.csv",
            2,
            "重新报送的文件中已不含该记录，已撤下；如系误删，请重新报送",
            "提示：已撤下，请核实",
        ),
        (
            "penalties/2026-10-12/day.csv",
            4,
            "重新报送的文件中已不含该记录，已恢复为此前报送的版本；如系误删，请重新报送",
            "提示：已恢复此前版本，请核实",
        ),
    ]
    # the next run changes nothing and says nothing; the correction list keeps it until a delivery holds it again
    scenario.run()
    assert not [line for line in run_summary(scenario.workdir / "warehouse.duckdb", scenario.run_id) if "警告" in line]
    assert scenario.query("select kind from quality.dropped_on_resend order by kind") == [("reverted",), ("withdrawn",)]
    scenario.deliver("2026-10-14", "penalties", penalty(**ONE_WAN)).run()
    assert scenario.query("select kind from quality.dropped_on_resend") == [("reverted",)]
    scenario.deliver("2026-10-15", "penalties", corrected).run()  # the correction delivered again: settled
    assert scenario.query("select count(*) from quality.dropped_on_resend") == [(0,)]
