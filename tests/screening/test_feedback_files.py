"""触发反馈文件 are deliveries: a month's file is written once the month is closed and never again; what is learnt of
the month later goes into dated supplements (补充反馈), and the main file plus its supplements say what the mart says."""

import csv
import shutil
from datetime import date

import pytest

from creditwh.platform import manifest
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import clean
from creditwh.screening import feedback
from creditwh.screening.feedback import write_feedback_files
from tests.support.scenario import Scenario

LISTED = dict(list_type="失信被执行人", kind="惩戒", listed_on="2026-05-10", valid_until="2026-06-30")
COURT = clean("upstream_lists")["initiating_department"]
MAY, JUNE = f"2026-05/{COURT}.csv", f"2026-06/{COURT}.csv"
# the key a department matches a supplement's row to the row sent before by (docs/feedback_format.md)
KEY = ("认定文书号", "主体标识", "业务类型", "业务编号", "措施编号")
SHOWN = list(feedback.HEADERS.values())


@pytest.fixture
def scenario(tmp_path):
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **LISTED))
    return scenario


def award(project_code, day):
    return clean(
        "procurement",
        project_code=project_code,
        consortium_usccs="",
        credit_checked_on=day,
        bid_deadline=day,
        award_date=day,
    )


def send(scenario, day: str, out=None):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return write_feedback_files(con, out or scenario.workdir / "feedback", date.fromisoformat(day))


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def consolidated(folder, month):
    """What a department holds for a month: the main file, then each supplement in turn (a 新增 or 更正 row
    replaces the row with the same key, a 撤回 row removes it)."""
    rows = {}
    for path in sorted(folder.glob(f"{month}/*.csv"), key=lambda p: (SUPPLEMENT_MARK in p.name, p.name)):
        for row in read(path):
            key = tuple(row[k] for k in KEY)
            if row.get("变更类型") == "撤回":
                del rows[key]
            else:
                rows[key] = {h: row[h] for h in SHOWN}
    return sorted(rows.values(), key=lambda r: tuple(r.values()))


SUPPLEMENT_MARK = feedback.SUPPLEMENT


def rebuilt(scenario, tmp_path, day, month):
    """The month as a first run would send it from the same warehouse: one main file with every row."""
    copy = tmp_path / "rebuild"
    copy.mkdir()
    shutil.copy(scenario.workdir / "warehouse.duckdb", copy / "warehouse.duckdb")
    with connect(copy / "warehouse.duckdb") as con:
        for table in ("feedback_sent", "feedback_files", "feedback_entry_months"):  # as if nothing was sent yet
            con.execute(f"drop table publish.{table}")
        write_feedback_files(con, copy / "feedback", date.fromisoformat(day))
    return consolidated(copy / "feedback", month)


def test_the_open_month_is_sent_nothing_and_a_closed_month_once(scenario):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    assert list(send(scenario, "2026-06-20").rows) == [MAY]  # June is still open
    assert send(scenario, "2026-06-20").rows == {}  # a re-run the same day sends nothing
    assert list(send(scenario, "2026-07-01").rows) == [JUNE]  # June has ended: its file goes out
    assert send(scenario, "2026-07-02").rows == {}  # nothing new: nothing sent
    june = read(scenario.workdir / "feedback" / JUNE)
    assert [(r["业务编号"], r["反馈结果"][:4]) for r in june] == [("GLCZ-2026-0001", "应限未限")]


def test_late_business_goes_into_a_supplement_and_the_months_file_is_not_rewritten(scenario, tmp_path):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    june = scenario.workdir / "feedback" / JUNE
    sent_bytes, sent_time = june.read_bytes(), june.stat().st_mtime_ns

    scenario.deliver("2026-07-06", "procurement", award("GLCZ-2026-0002", "2026-06-25")).run()  # June's, learnt late
    late = send(scenario, "2026-07-07")
    supplement = f"2026-06/{COURT}_补充反馈_2026-07-07.csv"
    assert list(late.rows) == late.supplements == [supplement]
    assert june.read_bytes() == sent_bytes and june.stat().st_mtime_ns == sent_time
    rows = read(scenario.workdir / "feedback" / supplement)
    assert [(r["变更类型"], r["业务编号"], r["原反馈文件"]) for r in rows] == [("新增", "GLCZ-2026-0002", "")]
    assert list(rows[0])[: len(SHOWN)] == SHOWN  # the main file's columns, then how the row stands
    assert send(scenario, "2026-07-07").rows == {}  # a re-run the same day writes nothing new
    assert consolidated(scenario.workdir / "feedback", "2026-06") == rebuilt(
        scenario, tmp_path, "2026-07-07", "2026-06"
    )


def test_a_changed_verdict_is_sent_as_a_correction_of_the_row_sent(scenario, tmp_path):
    pending = clean("applications", applied_on="2026-06-01", decision="", decided_on="", decision_reason="")
    scenario.deliver("2026-06-11", "applications", pending).run()
    send(scenario, "2026-07-01")
    assert read(scenario.workdir / "feedback" / JUNE)[0]["反馈结果"].startswith("受限主体的业务尚未决定")

    refused = {**pending, "decision": "不同意", "decided_on": "2026-07-03", "decision_reason": "申请人为失信被执行人"}
    scenario.deliver("2026-07-06", "applications", refused).run()
    (supplement,) = send(scenario, "2026-07-07").rows
    (row,) = read(scenario.workdir / "feedback" / supplement)
    assert (row["变更类型"], row["原反馈文件"], row["业务办理结果"]) == ("更正", f"{COURT}.csv", "不同意")
    assert row["反馈结果"].startswith("已实施惩戒措施")
    assert consolidated(scenario.workdir / "feedback", "2026-06") == rebuilt(
        scenario, tmp_path, "2026-07-07", "2026-06"
    )


def test_business_learnt_late_supersedes_the_months_no_business_row(scenario, tmp_path):
    scenario.run()
    send(scenario, "2026-06-01")
    assert [r["反馈结果"][:7] for r in read(scenario.workdir / "feedback" / MAY)] == ["本期无相关业务"]

    scenario.deliver("2026-06-03", "procurement", award("GLCZ-2026-0003", "2026-05-20")).run()
    (supplement,) = send(scenario, "2026-06-04").rows
    rows = read(scenario.workdir / "feedback" / supplement)
    assert sorted((r["变更类型"], r["业务编号"], r["反馈结果"][:7]) for r in rows) == [
        ("撤回", "", "撤回 / wi"),
        ("新增", "GLCZ-2026-0003", "应限未限：业务"),
    ]
    withdrawn = next(r for r in rows if r["变更类型"] == "撤回")
    assert "本期已有相关业务" in withdrawn["反馈结果"] and withdrawn["原反馈文件"] == f"{COURT}.csv"
    assert consolidated(scenario.workdir / "feedback", "2026-05") == rebuilt(
        scenario, tmp_path, "2026-06-04", "2026-05"
    )


def test_a_row_no_longer_in_the_feedback_is_withdrawn_with_its_reason_not_dropped(scenario):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    # the court corrects the entry: it ended with May, so it no longer covers June
    scenario.deliver("2026-07-02", "upstream_lists", clean("upstream_lists", **{**LISTED, "valid_until": "2026-05-31"}))
    scenario.run()
    (supplement,) = [f for f in send(scenario, "2026-07-02").rows if f.startswith("2026-06/")]
    (row,) = read(scenario.workdir / "feedback" / supplement)
    assert (row["变更类型"], row["业务编号"], row["认定文书号"]) == ("撤回", "GLCZ-2026-0001", LISTED_DOC)
    assert "名单条目已撤销" in row["反馈结果"]
    assert (scenario.workdir / "feedback" / JUNE).exists()  # what was sent stays
    assert send(scenario, "2026-07-03").rows == {}  # withdrawn once


LISTED_DOC = clean("upstream_lists")["decision_doc_no"]


def test_a_run_killed_before_its_record_is_committed_sends_the_supplement_again(scenario, monkeypatch):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    scenario.deliver("2026-07-06", "procurement", award("GLCZ-2026-0002", "2026-06-25")).run()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(feedback, "write_transaction", killed)
    with pytest.raises(KeyboardInterrupt):
        send(scenario, "2026-07-07")
    assert list((scenario.workdir / "feedback" / "2026-06").iterdir()) == [scenario.workdir / "feedback" / JUNE]
    monkeypatch.undo()
    assert list(send(scenario, "2026-07-07").rows) == [f"2026-06/{COURT}_补充反馈_2026-07-07.csv"]


def test_a_run_killed_after_its_record_is_committed_has_its_file_put_in_place_and_not_sent_twice(scenario, monkeypatch):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    scenario.deliver("2026-07-06", "procurement", award("GLCZ-2026-0002", "2026-06-25")).run()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(feedback, "_put_in_place", killed)
    with pytest.raises(KeyboardInterrupt):
        send(scenario, "2026-07-07")
    supplement = scenario.workdir / "feedback" / f"2026-06/{COURT}_补充反馈_2026-07-07.csv"
    assert not supplement.exists()
    monkeypatch.undo()
    assert send(scenario, "2026-07-08").rows == {}  # recorded: not sent again, but put in place
    assert [r["业务编号"] for r in read(supplement)] == ["GLCZ-2026-0002"]
    assert not list((scenario.workdir / "feedback").glob("*/.*"))


def test_a_second_supplement_the_same_day_gets_its_own_name(scenario):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    scenario.deliver("2026-07-06", "procurement", award("GLCZ-2026-0002", "2026-06-25")).run()
    send(scenario, "2026-07-07")
    scenario.deliver("2026-07-07", "procurement", award("GLCZ-2026-0003", "2026-06-26")).run()
    assert list(send(scenario, "2026-07-07").rows) == [f"2026-06/{COURT}_补充反馈_2026-07-07_2.csv"]


def test_the_earlier_schemes_running_files_are_replaced_once_by_the_months_sent(scenario):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    out = scenario.workdir / "feedback"
    for relative in (MAY, JUNE):  # as the earlier scheme left them: every month's file kept in step, June's too
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text("old", encoding="utf-8")
    manifest.write(out, {MAY: "x", JUNE: "y"})
    sent = send(scenario, "2026-06-20")
    assert list(sent.rows) == [MAY] and sent.removed == [JUNE]
    assert read(out / MAY) and not (out / JUNE).exists() and not (out / "_manifest.json").exists()


def test_fingerprints_kept_per_subject_by_an_earlier_version_are_taken_afresh_once_and_nothing_is_sent_again(scenario):
    scenario.deliver("2026-06-11", "procurement", award("GLCZ-2026-0001", "2026-06-10")).run()
    send(scenario, "2026-07-01")
    with connect(scenario.workdir / "warehouse.duckdb") as con:  # as the per-subject version kept them
        con.execute(
            "create table ops.per_subject as select subject_key, fingerprint, version from ops.feedback_subjects"
        )
        con.execute("drop table ops.feedback_subjects")
        con.execute("alter table ops.per_subject rename to feedback_subjects")
    assert send(scenario, "2026-07-02").rows == {}
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        months = con.execute("select count(*), count(period) from ops.feedback_subjects").fetchone()
    assert months[0] > 0 and months[0] == months[1]  # every subject month kept, none of the earlier per-subject rows
