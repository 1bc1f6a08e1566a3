"""Policy what-if: the marts derived again under an alternative policy file, and exactly the known deltas."""

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml

from creditwh.platform.policy import POLICY_FILE, load_policy
from creditwh.sample.builders import clean, penalty, serious_penalty, uscc
from creditwh.whatif.run import run_whatif
from tests.support.scenario import MODELS, Scenario

STEPS = [step for _, step in MODELS]


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def company(n: int) -> str:
    return uscc("91", "350102", f"MA4{n}XQ7B")


def fined(n: int, fine: str, decided: str = "2026-05-04") -> dict:
    """A fine (a general record below the serious threshold, unless the fine reaches it) for company n."""
    yuan = round(float(fine) * 10000)
    return penalty(
        uscc=company(n),
        subject_name=f"福州市鼓楼区测试{n}号有限公司",
        decision_doc_no=f"榕鼓财罚〔2026〕{100 + n}号",
        fine_10k_yuan=fine,
        penalty_content=f"罚款人民币{yuan}元",
        decision_date=decided,
        penalty_valid_to=f"{int(decided[:4]) + 1}{decided[4:]}",
    )


def award(n: int, project: int, award_date: str = "2026-06-10") -> dict:
    return clean(
        "procurement",
        project_code=f"GLCZ-2026-{project:04d}",
        supplier_uscc=company(n),
        supplier_name=f"福州市鼓楼区测试{n}号有限公司",
        consortium_usccs="",
        credit_checked_on="2026-06-01",
        bid_deadline="2026-06-05",
        award_date=award_date,
    )


def alternative(tmp_path: Path, change) -> Path:
    """policy.yaml with one change, as a what-if file."""
    policy = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    change(policy)
    policy["version"] = "whatif-test"
    path = tmp_path / "alt.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def whatif(scenario, policy: Path, **window):
    return run_whatif(
        policy,
        STEPS,
        name="t",
        data_dir=scenario.workdir / "data",
        source=scenario.workdir / "warehouse.duckdb",
        **window,
    )


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_current_policy_yields_an_empty_diff_and_leaves_the_live_file_alone(scenario):
    scenario.deliver("2026-05-06", "penalties", fined(1, "150"))
    scenario.deliver("2026-05-06", "penalties", serious_penalty(uscc=company(2), decision_doc_no="榕鼓财罚〔2026〕2号"))
    scenario.deliver("2026-06-11", "procurement", award(2, 1))
    scenario.run()
    live = scenario.workdir / "warehouse.duckdb"
    before = fingerprint(live)
    diff, report = whatif(scenario, POLICY_FILE)
    assert diff.empty
    assert report.summary.startswith("采用此规则：黑名单 ±0，红名单 ±0，应限未限采购 ±0")
    assert fingerprint(live) == before  # the live warehouse is only read
    assert report.html.exists() and report.xlsx.exists()
    # the what-if's own file holds the live marts as baseline and its own marts beside them
    with duckdb.connect(str(scenario.workdir / "data" / "whatif" / "t.duckdb"), read_only=True) as con:
        schemas = {r[0] for r in con.execute("select schema_name from duckdb_schemas()").fetchall()}
    assert {"baseline", "marts", "core"} <= schemas


def test_a_serious_fine_threshold_of_100_black_lists_exactly_the_fines_from_100_to_under_200(scenario, tmp_path):
    fines = {1: "99.99", 2: "100", 3: "150", 4: "199.99", 5: "200", 6: "250"}
    for n, fine in fines.items():
        scenario.deliver("2026-05-06", "penalties", fined(n, fine))
    # a fine of 150 whose longest publicity (36 months) ended long ago is in force under neither policy
    scenario.deliver("2026-05-06", "penalties", fined(7, "150", decided="2021-03-01"))
    scenario.run()

    def lower(policy):
        policy["severity"]["serious"]["fine_at_least_10k_yuan"] = 100

    # listed after the notice period: compared up to a day the listings are in force
    diff, report = whatif(scenario, alternative(tmp_path, lower), to_day=date(2026, 7, 1))
    newly = set(diff.frames["lists"].filter(diff.frames["lists"]["变化"] == "新列入")["主体代码"])
    assert newly == {company(2), company(3), company(4)}
    assert set(diff.frames["lists"]["主体代码"]) == newly  # no other entry moves
    assert set(diff.frames["standing"]["主体代码"]) == newly
    assert set(diff.frames["standing"]["黑名单"]) == {"列入"}
    assert diff.counts["black_after"] - diff.counts["black_before"] == 3
    assert "黑名单 +3" in report.summary
    assert diff.rules.to_dicts() == [
        {"规则项": "severity.serious.fine_at_least_10k_yuan", "现行": "200", "备选": "100"}
    ]
    # each change names the record and the rule behind it
    assert all("severity" in rules for rules in diff.frames["standing"]["规则"])


def test_a_shorter_serious_publicity_maximum_exits_exactly_the_black_entries_past_it(scenario, tmp_path):
    decided = {1: "2026-04-10", 2: "2026-06-15", 3: "2026-09-01"}
    for n, day in decided.items():
        scenario.deliver(
            day[:8] + f"{int(day[8:]) + 2:02d}",
            "penalties",
            serious_penalty(uscc=company(n), decision_doc_no=f"榕鼓财罚〔2026〕{n}号", decision_date=day),
        )
    scenario.run()

    def shorten(policy):
        for regime in policy["publicity_regimes"]:
            if regime["to"] == date(9999, 12, 31):
                regime["serious"]["max_months"] = 12

    last_day = date(2027, 7, 1)  # past 12 months for the first two decisions, not for the third
    diff, report = whatif(scenario, alternative(tmp_path, shorten), to_day=last_day)
    lists = diff.frames["lists"]
    assert set(lists["变化"]) == {"提前移出"}
    new_exit = {row["主体代码"]: row["新移出日"] for row in lists.to_dicts()}
    assert new_exit == {company(n): date(int(d[:4]) + 1, int(d[5:7]), int(d[8:])) for n, d in decided.items()}
    exited = {code for code, day in new_exit.items() if day <= last_day}
    assert exited == {company(1), company(2)}
    assert diff.counts["black_before"] - diff.counts["black_after"] == 2
    assert "黑名单 −2" in report.summary


def test_a_new_major_violation_category_flips_exactly_the_awards_of_subjects_with_it_in_the_look_back(
    scenario, tmp_path
):
    category = "降低资质等级"
    # 1: the category within the 3 years before its award; 2: the category before the look-back; 3: another kind
    scenario.deliver(
        "2025-03-05", "penalties", {**fined(1, "0.5", "2025-03-03"), "penalty_categories": f"罚款;{category}"}
    )
    scenario.deliver(
        "2026-05-06", "penalties", {**fined(2, "0.5", "2022-03-03"), "penalty_categories": f"罚款;{category}"}
    )
    scenario.deliver("2026-05-06", "penalties", fined(3, "0.5", "2026-03-03"))
    for n in (1, 2, 3, 4):
        scenario.deliver("2026-06-11", "procurement", award(n, n))
    scenario.run()
    assert category not in load_policy()["screening"]["major_violation"]["categories"]

    def add(policy):
        policy["screening"]["major_violation"]["categories"].append(category)

    diff, _ = whatif(scenario, alternative(tmp_path, add))
    flips = diff.frames["screenings"]
    assert set(flips["主体代码"]) == {company(1)}
    assert flips.select("原结论", "新结论", "新限制原因").rows() == [("未受限", "应限未限", "重大违法记录")]
    assert diff.counts["granted_after"] - diff.counts["granted_before"] == 1
    measures = diff.frames["measures"].to_dicts()
    assert measures == [{"措施": "限制参加政府采购活动", "限制原因": "重大违法记录", "新增适用": 1, "不再适用": 0}]
    assert diff.frames["standing"].is_empty()  # a major violation restricts procurement, not the class


def lower_serious_fine(policy):
    policy["severity"]["serious"]["fine_at_least_10k_yuan"] = 100


def test_the_dagster_job_takes_the_policy_path_in_its_config_and_reads_the_analysts_snapshot(scenario, tmp_path):
    import shutil

    from pipelines.definitions import defs

    scenario.deliver("2026-05-06", "penalties", fined(1, "150"))
    scenario.run()
    data = tmp_path / "data"  # CREDIT_DATA_DIR (tests/conftest.py): the snapshot is read from there
    data.mkdir(exist_ok=True)
    shutil.copyfile(scenario.workdir / "warehouse.duckdb", data / "analytics.duckdb")
    before = fingerprint(data / "analytics.duckdb")
    config = {"policy": str(alternative(tmp_path, lower_serious_fine)), "name": "job", "to_day": "2026-07-01"}
    result = defs.resolve_job_def("whatif").execute_in_process(
        run_config={"ops": {"whatif_report": {"config": config}}}
    )
    assert result.success
    assert result.output_for_node("whatif_report").endswith("政策推演_job.html")
    assert (data / "reports" / "whatif" / "job" / "政策推演_job.xlsx").exists()
    assert fingerprint(data / "analytics.duckdb") == before
    with duckdb.connect(str(data / "whatif" / "job.duckdb"), read_only=True) as con:
        listed = con.execute("select count(*) from marts.list_memberships where list = 'black'").fetchone()[0]
    assert listed == 1  # the fine of 150 万元 is serious under the alternative


def test_the_shipped_example_differs_from_the_policy_in_force_by_its_one_rule():
    from creditwh.whatif.diff import rules_changed

    rules, text = rules_changed(POLICY_FILE, POLICY_FILE.parent / "whatif" / "serious_fine_50.yaml")
    assert rules.rows() == [("severity.serious.fine_at_least_10k_yuan", "200", "50")]
    assert "+    fine_at_least_10k_yuan: 50" in text
