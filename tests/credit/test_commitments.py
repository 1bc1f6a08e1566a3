"""事前信用承诺: a commitment's breach is a credit record, an overdue 容缺 commitment revokes the green channel it
bought, and a repair needs a public 信用修复型 commitment (REFERENCE §4). Given deliveries, as of a day, then the
verdict."""

from creditwh.sample.builders import COMPANY_USCC, clean, penalty
from tests.support.scenario import Scenario

LICENCE = clean("licenses", decision_date="2026-10-09", valid_from="2026-10-09", valid_to="2029-10-08")
GREEN_CHANNEL = {"R04"}  # class A's 绿色通道 (policy commitments.green_channel_measures)


def commitment(**overrides) -> dict:
    return clean("commitments", **overrides)


def measure_ids(check: dict) -> set[str]:
    return {m["id"] for m in check["measures"] or []}


def test_a_commitment_found_broken_at_its_check_lowers_the_class_from_the_day_it_was_delivered(tmp_path):
    broken = commitment(fulfilment="未履约", checked_on="2026-10-15", commitment_type="行业自律型", due_on="")
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-10-09", "licenses", LICENCE)
        .deliver("2026-10-09", "commitments", commitment(fulfilment="履约中"))
        .deliver("2026-10-16", "commitments", broken)
        .run()
    )
    before = scenario.check(COMPANY_USCC, "2026-10-15")
    assert before["credit_class"] == "A"
    # checked on the 15th, delivered on the 16th: as known then, the breach counts from its delivery
    after = scenario.check(COMPANY_USCC, "2026-10-20")
    assert after["credit_class"] == "B"
    breach = [e for e in after["evidence"] if e["kind"] == "commitment_breach"]
    assert len(breach) == 1 and breach[0]["severity"] == "general" and breach[0]["record"] == "CN-2026-000041"
    assert after["commitments"][0]["state"] == "未履约"
    assert not measure_ids(after) & GREEN_CHANNEL
    # as known now, it counted from the check date
    assert scenario.check(COMPANY_USCC, "2026-10-15", known="now")["credit_class"] == "B"
    # as known then, the 15th never changes
    assert scenario.check(COMPANY_USCC, "2026-10-15")["credit_class"] == "A"


def test_an_overdue_rongque_commitment_removes_the_green_channel_until_it_is_found_fulfilled(tmp_path):
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-10-09", "licenses", LICENCE)
        .deliver("2026-10-09", "commitments", commitment(due_on="2026-10-20"))
        .run()
    )
    on_due = scenario.check(COMPANY_USCC, "2026-10-20")
    assert on_due["credit_class"] == "A" and GREEN_CHANNEL <= measure_ids(on_due)
    assert on_due["green_channel_revoked_by"] == []
    overdue = scenario.check(COMPANY_USCC, "2026-10-21")
    # overdue is no breach (nobody has checked it yet): the class stands, the green channel it bought does not
    assert overdue["credit_class"] == "A"
    assert not measure_ids(overdue) & GREEN_CHANNEL and "R05" in measure_ids(overdue)
    assert overdue["green_channel_revoked_by"] == ["CN-2026-000041"]
    assert overdue["commitments"][0]["state"] == "逾期未履约"

    scenario.deliver(
        "2026-11-03", "commitments", commitment(due_on="2026-10-20", fulfilment="履约", checked_on="2026-11-02")
    ).run()
    assert GREEN_CHANNEL <= measure_ids(scenario.check(COMPANY_USCC, "2026-11-03"))
    # as known then, the days before the check was delivered stay revoked
    assert not measure_ids(scenario.check(COMPANY_USCC, "2026-10-25")) & GREEN_CHANNEL


GENERAL = penalty(
    fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-01-05", penalty_valid_to="2027-01-05"
)
REPAIR = clean("repairs", applied_on="2026-05-06", decided_on="2026-05-10")


def _repair_flags(scenario: Scenario) -> list[tuple]:
    return scenario.query(
        "select case_no, repaired_without_commitment, review_reason from core.case_effects where case_kind = 'repair'"
    )


def test_a_repair_granted_without_a_public_repair_commitment_is_honoured_but_flagged_for_review(tmp_path):
    scenario = (
        Scenario(tmp_path).deliver("2026-01-06", "penalties", GENERAL).deliver("2026-05-11", "repairs", REPAIR).run()
    )
    ((case_no, flagged, reason),) = _repair_flags(scenario)
    assert case_no == "XF-2026-0007" and flagged
    assert "信用修复型" in reason and "REFERENCE §4" in reason and "2026-05-10" in reason
    # honoured: the penalty no longer counts once the repair is known
    assert scenario.check(COMPANY_USCC, "2026-05-12")["credit_class"] == "A"


def test_a_repair_after_a_public_repair_commitment_is_not_flagged(tmp_path):
    promise = commitment(
        commitment_no="CN-2026-000077",
        commitment_type="信用修复型",
        matter="榕鼓财罚〔2026〕12号",
        due_on="",
        committed_on="2026-05-06",
        fulfilment="",
        checked_on="",
    )
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-01-06", "penalties", GENERAL)
        .deliver("2026-05-07", "commitments", promise)
        .deliver("2026-05-11", "repairs", REPAIR)
        .run()
    )
    assert _repair_flags(scenario) == [("XF-2026-0007", False, None)]
    # a commitment kept private (不公开) is no public commitment
    private = Scenario(tmp_path / "private")
    private.deliver("2026-01-06", "penalties", GENERAL)
    private.deliver("2026-05-07", "commitments", {**promise, "publicity": "不公开"})
    private.deliver("2026-05-11", "repairs", REPAIR).run()
    assert _repair_flags(private)[0][1] is True


def test_public_commitments_are_published_in_the_commitment_list_masked_and_private_ones_are_not(tmp_path):
    from datetime import date

    import polars as pl

    from creditwh.platform.codes import mask_id
    from creditwh.platform.warehouse import connect
    from creditwh.publication.lists import publish_lists
    from creditwh.sample.builders import PERSON_ID, as_person

    person = {k: v for k, v in as_person().items() if k in ("subject_type", "uscc", "person_id_no", "subject_name")}
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-10-09", "commitments", commitment())
        .deliver("2026-10-09", "commitments", commitment(commitment_no="CN-2026-000042", **person))
        .deliver("2026-10-09", "commitments", commitment(commitment_no="CN-2026-000043", publicity="不公开"))
        .run()
    )
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        rows = {r.name: r.rows for r in publish_lists(con, date(2026, 11, 10), tmp_path / "out")}
    assert rows["commitment_list"] == 2
    folder = tmp_path / "out" / "2026-11-10"
    published = pl.read_csv(folder / "commitment_list.csv", infer_schema=False).to_dicts()
    assert [r["承诺编号"] for r in published] == ["CN-2026-000041", "CN-2026-000042"]
    assert published[0]["履约状态"] == "逾期未履约" and published[0]["承诺类型"] == "容缺受理型"
    assert published[1]["统一社会信用代码/证件号码"] == mask_id(PERSON_ID)
    for suffix in ("csv", "jsonl"):
        assert PERSON_ID not in (folder / f"commitment_list.{suffix}").read_text("utf-8-sig")


def test_the_kpis_count_commitments_received_checked_by_due_and_broken_by_the_receiving_unit(tmp_path):
    unit = clean("commitments")["accepting_unit"]
    scenario = (
        Scenario(tmp_path)
        # checked in time and kept; checked in time and broken; due but never checked
        .deliver(
            "2026-10-09", "commitments", commitment(due_on="2026-10-20", fulfilment="履约", checked_on="2026-10-09")
        )
        .deliver("2026-10-09", "commitments", commitment(commitment_no="CN-2026-000050", due_on="2026-10-20"))
        .deliver(
            "2026-10-19",
            "commitments",
            commitment(
                commitment_no="CN-2026-000050", due_on="2026-10-20", fulfilment="未履约", checked_on="2026-10-19"
            ),
        )
        .deliver("2026-10-09", "commitments", commitment(commitment_no="CN-2026-000051", due_on="2026-10-20"))
        .deliver(
            "2026-10-30", "commitments", commitment(commitment_no="CN-2026-000099", due_on="", commitment_type="主动型")
        )
        .run()
    )
    kpi = {
        metric: (numerator, denominator)
        for metric, numerator, denominator in scenario.query(
            "select metric, numerator, denominator from marts.kpi where period = '2026-10' and source_unit = ?", [unit]
        )
    }
    assert kpi["commitments"] == (4, None)
    assert kpi["commitments_checked_by_due"] == (2, 3)
    assert kpi["commitment_breach_rate"] == (1, 2)


def test_the_report_has_a_commitments_section_and_lists_the_repairs_flagged_for_lack_of_a_commitment(tmp_path):
    from datetime import date

    from creditwh.assessment.kpi import report_period
    from creditwh.assessment.report import build_report
    from creditwh.platform.warehouse import connect

    scenario = (
        Scenario(tmp_path)
        .deliver("2026-01-06", "penalties", GENERAL)
        .deliver("2026-05-11", "repairs", REPAIR)
        .deliver(
            "2026-10-09", "commitments", commitment(due_on="2026-10-20", fulfilment="履约", checked_on="2026-10-09")
        )
        .run()
    )
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        report = build_report(con, report_period("2026"), date(2026, 12, 1), tmp_path / "reports")
    assert report.tables["commitments"] == 2  # 全部单位 and the receiving unit
    assert report.tables["repairs_without_commitment"] == 1
    page = report.html.read_text(encoding="utf-8")
    assert "七、事前信用承诺" in page and "承诺按期核查率" in page and "XF-2026-0007" in page


def _commitment_history(seed: int):
    """A few companies with licences (class A, green channel) and commitments checked late, broken, kept or never."""
    import random
    from datetime import date, timedelta

    from creditwh.sample.builders import uscc
    from tests.support.histories import History

    rng = random.Random(seed)
    history = History(seed)
    start = date(2026, 3, 2)
    for i in range(3):
        who = {
            "uscc": uscc("91", "350102", f"C{seed % 100:02d}{i:02d}Y{rng.randrange(10)}{rng.choice('ABCDEF')}"),
            "subject_name": f"福州市鼓楼区承诺{seed}-{i}有限公司",
            "subject_type": "法人及非法人组织",
        }
        history.codes.append(who["uscc"])
        granted = start + timedelta(days=rng.randrange(20))
        history.deliver(
            granted + timedelta(days=1),
            "licenses",
            clean(
                "licenses",
                **who,
                decision_doc_no=f"榕鼓财许〔2026〕C{seed}-{i}号",
                decision_date=granted.isoformat(),
                valid_from=granted.isoformat(),
                valid_to="2029-01-01",
            ),
        )
        for n in range(3):
            made = start + timedelta(days=rng.randrange(60))
            due = made + timedelta(days=rng.randrange(5, 30))
            row = commitment(
                **who,
                commitment_no=f"CN-{seed}-{i}-{n}",
                committed_on=made.isoformat(),
                due_on=due.isoformat(),
                commitment_type=rng.choice(["容缺受理型", "审批替代型"]),
                fulfilment="履约中",
                checked_on="",
            )
            history.deliver(made + timedelta(days=rng.randrange(3)), "commitments", row)
            outcome = rng.choice(["履约", "未履约", None])
            if outcome is not None:
                checked = due + timedelta(days=rng.randrange(-4, 10))
                history.deliver(
                    checked + timedelta(days=rng.randrange(1, 8)),
                    "commitments",
                    {**row, "fulfilment": outcome, "checked_on": max(checked, made).isoformat()},
                )
    return history


def test_a_warehouse_replayed_to_a_day_answers_about_commitments_as_the_full_warehouse_knew_that_day(tmp_path):
    """Built only from the deliveries up to D, the credit check (class, measures, green channel, commitments) is the
    full warehouse's as known then on D."""
    from datetime import date

    from tests.replay.replay import answers, build, differences

    history = _commitment_history(5)
    end = max(day for day, _, _ in history.deliveries)
    full = build(history, tmp_path / "full", end)
    found = []
    for day in (date(2026, 3, 25), date(2026, 4, 10), date(2026, 5, 1)):
        replayed = build(history, tmp_path / day.isoformat(), day)
        found += differences(answers(full, history.codes, day), answers(replayed, history.codes, day), day)
    assert not found, "\n".join(found[:40])
    # the history does what it is for: some green channel revoked, some breach counted on one of the days
    checks = [
        full.check(code, day.isoformat()) for code in history.codes for day in (date(2026, 4, 10), date(2026, 5, 1))
    ]
    assert any(c["green_channel_revoked_by"] for c in checks)
    assert any(e["kind"] == "commitment_breach" for c in checks for e in c["evidence"] or [])


def test_a_screening_advises_no_green_channel_while_a_commitment_made_for_it_is_overdue(tmp_path):
    red = clean(
        "upstream_lists",
        list_type="纳税信用A级纳税人",
        kind="激励",
        listed_on="2026-05-10",
        valid_until="2026-12-31",
    )
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-05-11", "upstream_lists", red)
        .deliver(
            "2026-05-11",
            "commitments",
            commitment(committed_on="2026-05-08", due_on="2026-05-29", checked_on="2026-05-08"),
        )
        .deliver(
            "2026-06-11",
            "procurement",
            clean(
                "procurement",
                consortium_usccs="",
                bid_deadline="2026-06-01",
                credit_checked_on="2026-06-02",
                award_date="2026-06-05",
            ),
        )
        .run()
    )
    ((rewards, verdict),) = scenario.query("select advisory_rewards, verdict from marts.screenings")
    assert "政府采购与资金分配信用加分" in rewards and not any("绿色通道" in r for r in rewards)
    assert verdict == "reward_applied"
