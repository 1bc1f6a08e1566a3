"""考核指标 kept by change: day after day, the facts and the period tallies a run keeps equal what a whole rebuild of
the same warehouse gives, and a day's delivery recounts only the periods its facts fall in."""

import shutil
from datetime import date

import pytest

from creditwh.assessment.kpi import build_kpis
from creditwh.credit.build import build_step
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, clean, headers, penalty, serious_penalty, uscc, write_csv
from creditwh.validation.summary import build_quality_summary
from creditwh.validation.validate import validate_partition
from tests.support.scenario import MODELS, Scenario

GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")
OTHER_USCC = uscc("91", "350102", "MA4R2T9W")
OTHER = dict(uscc=OTHER_USCC, subject_name="福州市鼓楼区远航贸易有限公司")
# every table the KPIs are made of, and the ops row that says what they were built under is left out
KPI_TABLES = (
    "marts.kpi",
    "marts.kpi_periods",
    "marts.kpi_tallies",
    "marts.kpi_facts",
    "marts.kpi_codes",
    "marts.kpi_field_presence",
)


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def day_run(scenario, day: str, deliveries: dict[str, list[dict]], as_of: str, file: str = "day.csv"):
    """A day's run: the day's files (one per source; the same name again replaces a file sent before) ingested and
    validated, the models built, and the KPIs kept by change; what build_kpis recounted."""
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        for source, rows in deliveries.items():
            write_csv(scenario.landing / source / day / file, rows, headers(source))
            ingest_partition(con, get_source(source), scenario.landing, date.fromisoformat(day))
            validate_partition(con, get_source(source), date.fromisoformat(day))
        build_quality_summary(con)
        for _, step in MODELS:
            build_step(con, step)
        return build_kpis(con, date.fromisoformat(as_of))


def kept(con) -> dict[str, list[tuple]]:
    return {table: con.table(table).order("all").fetchall() for table in KPI_TABLES}


def kept_and_whole(scenario, as_of: str) -> tuple[dict, dict]:
    """The KPI tables as the runs kept them, and as a whole rebuild of a copy of the same warehouse gives them."""
    live = scenario.workdir / "warehouse.duckdb"
    copy = scenario.workdir / "whole.duckdb"
    with connect(live, read_only=True) as con:
        as_kept = kept(con)
    shutil.copy(live, copy)
    with connect(copy) as con:
        # forget what the KPIs were built under: the partitions are counted again and the facts derived whole
        con.execute("delete from ops.kpi_built")
        con.execute("delete from ops.kpi_presence_partitions")
        assert build_kpis(con, date.fromisoformat(as_of)).rebuilt
        whole = kept(con)
    copy.unlink()
    return as_kept, whole


def test_kpis_kept_day_by_day_equal_a_whole_rebuild(scenario):
    # 5 March: a general and a serious penalty (black list), a license, with deadlines after the as-of day
    scenario.deliver("2026-03-05", "penalties", penalty(decision_doc_no="甲", decision_date="2026-03-03", **GENERAL))
    scenario.deliver("2026-03-05", "penalties", serious_penalty(decision_doc_no="乙", decision_date="2026-03-04"))
    scenario.deliver("2026-03-05", "licenses", clean("licenses", decision_date="2026-03-04", valid_from="2026-03-04"))
    scenario.run()  # builds the KPIs whole, as of 5 March
    as_kept, whole = kept_and_whole(scenario, "2026-03-05")
    assert as_kept == whole
    assert as_kept["marts.kpi"]

    # 11 May: the company's code comes under a second name (March's code errors change too), a late penalty, an
    # objection on 甲, a row with a wrong check character; the as-of day moves past March's deadlines
    bad = OTHER_USCC[:-1] + ("0" if OTHER_USCC[-1] != "0" else "1")
    may = {
        "penalties": [
            penalty(decision_doc_no="丙", decision_date="2026-04-01", subject_name="福州市鼓楼区改名公司", **GENERAL),
            penalty(decision_doc_no="丁", decision_date="2026-05-06", **OTHER, **GENERAL),
            penalty(decision_doc_no="戊", decision_date="2026-05-06", **{**OTHER, "uscc": bad}, **GENERAL),
        ],
        "objections": [
            clean("objections", case_no="YY-1", record_doc_no="甲", accepted_on="2026-05-06", closed_on="2026-05-08")
        ],
    }
    refreshed = day_run(scenario, "2026-05-11", may, as_of="2026-05-11")
    assert not refreshed.rebuilt
    as_kept, whole = kept_and_whole(scenario, "2026-05-11")
    assert as_kept == whole
    conflicted = scenario.query(
        "select distinct numerator from marts.kpi_facts where metric = 'code_error' and distinct_key = ? and day = '2026-03-05'",
        [COMPANY_USCC],
    )
    assert conflicted == [(1.0,)]  # wrong in March too, from May's delivery

    # 11 May sent again without 丙: the second name goes, and March's code error with it
    may["penalties"] = may["penalties"][1:]
    day_run(scenario, "2026-05-11", may, as_of="2026-05-11")
    as_kept, whole = kept_and_whole(scenario, "2026-05-11")
    assert as_kept == whole
    assert scenario.query(
        "select distinct numerator from marts.kpi_facts where metric = 'code_error' and distinct_key = ? and day = '2026-03-05'",
        [COMPANY_USCC],
    ) == [(0.0,)]

    # 8 October: an award to the black-listed company, an approved repair of 乙, and the other company again (its
    # code now on two days of the year, counted once); the as-of day is the year's end
    october = {
        "penalties": [penalty(decision_doc_no="己", decision_date="2026-10-05", **OTHER, **GENERAL)],
        "procurement": [clean("procurement", project_code="P-1")],
        "repairs": [clean("repairs", record_doc_no="乙", applied_on="2026-10-06", decided_on="2026-10-07")],
    }
    day_run(scenario, "2026-10-08", october, as_of="2026-12-31")
    as_kept, whole = kept_and_whole(scenario, "2026-12-31")
    assert as_kept == whole
    metrics = {m for (m,) in scenario.query("select distinct metric from marts.kpi_facts")}
    assert {"timeliness", "code_error", "objections", "list_entries", "restricted_awards", "accuracy"} <= metrics

    # and back to an earlier as-of day: the facts after it leave the tallies again
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        assert not build_kpis(con, date(2026, 6, 30)).rebuilt
    as_kept, whole = kept_and_whole(scenario, "2026-06-30")
    assert as_kept == whole


def test_a_day_recounts_only_the_periods_its_facts_fall_in(scenario):
    scenario.deliver("2026-03-05", "penalties", penalty(decision_doc_no="甲", decision_date="2026-03-03", **GENERAL))
    scenario.run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        build_kpis(con, date(2026, 12, 31))
        # a mark on March's tallies that only a recount of March (or of its half year) would wipe out
        con.execute("update marts.kpi_tallies set numerator_sum = -1 where period in ('2026-03', '2026H1')")
    # September: another company's penalty, decided and delivered within the month
    refreshed = day_run(
        scenario,
        "2026-09-08",
        {"penalties": [penalty(decision_doc_no="乙", decision_date="2026-09-01", **OTHER, **GENERAL)]},
        as_of="2026-12-31",
    )
    assert (refreshed.rebuilt, refreshed.recomputed) == (False, 3)  # 2026-09, 2026H2 and 2026
    marked = scenario.query(
        "select distinct numerator_sum from marts.kpi_tallies where period in ('2026-03', '2026H1')"
    )
    assert marked == [(-1.0,)]
    # the periods recounted hold what a whole rebuild gives
    as_kept, whole = kept_and_whole(scenario, "2026-12-31")
    recounted = [r for r in as_kept["marts.kpi"] if r[1] in ("2026-09", "2026H2", "2026")]
    assert recounted == [r for r in whole["marts.kpi"] if r[1] in ("2026-09", "2026H2", "2026")]
    assert len(recounted) > 0


def test_a_new_version_of_the_kpi_sql_builds_the_facts_and_tallies_whole(scenario):
    scenario.deliver("2026-03-05", "penalties", penalty(decision_doc_no="甲", decision_date="2026-03-03", **GENERAL))
    scenario.run()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        assert not build_kpis(con, date(2026, 3, 5)).rebuilt
        con.execute("update ops.kpi_built set version = 'built by older SQL'")
        assert build_kpis(con, date(2026, 3, 5)).rebuilt
