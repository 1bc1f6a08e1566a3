"""Dashboard feeds: their numbers, and a contract that stops a feed from changing shape silently."""

import hashlib
from datetime import date, timedelta

import dagster as dg
import polars as pl
import pytest

from assets.assessment import dashboard_feeds
from creditwh.assessment import feeds
from creditwh.assessment.dashboard import SCREENING_MEASURES, measure_labels
from creditwh.assessment.report_facts import indicators
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import clean, serious_penalty
from pipelines.resources import WarehouseResource
from tests.support.scenario import Scenario

AS_OF = date(2026, 6, 30)


@pytest.fixture
def scenario(tmp_path):
    s = Scenario(tmp_path)
    s.deliver("2026-05-06", "penalties", serious_penalty(decision_date="2026-05-04"))
    s.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    s.deliver(
        "2026-06-02", "objections", clean("objections", record_doc_no="其他〔2026〕9号", accepted_on="2026-06-01")
    )
    return s.run()


def write(scenario, contract_file=None, as_of=AS_OF, out=None):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return {r.name: r for r in feeds.write_feeds(con, as_of, out or scenario.workdir / "feeds", contract_file)}


def on_disk(folder):
    """Each feed file's inode, modification time and content digest."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in folder.iterdir()
        if p.suffix in (".parquet", ".csv")
    }


def read(scenario, name):
    return pl.read_parquet(scenario.workdir / "feeds" / f"{name}.parquet")


def test_every_feed_is_written_in_parquet_and_csv_with_its_contracted_columns(scenario):
    results = write(scenario)
    _, contracts = feeds.contracts()
    assert set(results) == set(contracts)
    for name, feed in contracts.items():
        assert not results[name].mismatches
        assert read(scenario, name).columns == [c.name for c in feed.columns]
        assert pl.read_csv(scenario.workdir / "feeds" / f"{name}.csv").columns == [c.name for c in feed.columns]


def test_list_counts_follow_a_black_listing_day_by_day(scenario):
    write(scenario)
    black = read(scenario, "list_counts_daily").filter(pl.col("list") == "black")
    # the feed starts on the first reporting day; the serious penalty was known from its delivery that day
    on = {r["day"]: r for r in black.iter_rows(named=True)}
    assert min(on) == date(2026, 5, 6) and max(on) == AS_OF
    assert (on[date(2026, 5, 6)]["entries"], on[date(2026, 5, 6)]["members"]) == (1, 1)
    assert all(on[d]["members"] == 1 and on[d]["exits"] == 0 for d in on)


def test_the_class_distribution_counts_every_known_subject_once_a_day(scenario):
    write(scenario)
    frame = read(scenario, "class_distribution_daily")
    totals = frame.group_by("day").agg(pl.col("subjects").sum()).sort("day")
    assert (
        totals.filter(pl.col("day") == AS_OF)["subjects"].item()
        == scenario.query("select count(distinct subject_key) from marts.credit_standing_history")[0][0]
    )
    assert frame.filter((pl.col("day") == AS_OF) & (pl.col("credit_class") == "D"))["subjects"].item() == 1


def test_open_objections_are_counted_until_they_close(scenario):
    write(scenario)
    objections = read(scenario, "open_cases_daily").filter(pl.col("case_kind") == "objection")
    on = {r["day"]: r["open_cases"] for r in objections.iter_rows(named=True)}
    assert on[date(2026, 5, 31)] == 0 and on[date(2026, 6, 1)] == 1 and on[AS_OF] == 1


def test_publication_timeliness_counts_records_by_their_deadline_month(scenario):
    write(scenario)
    may = read(scenario, "publication_timeliness_monthly").filter(pl.col("month") == date(2026, 5, 1))
    assert sorted(may.select("source", "records_due", "on_time", "on_time_rate").rows()) == [
        ("licenses", 1, 1, 1.0),
        ("penalties", 1, 1, 1.0),
    ]


def broken_contract(tmp_path):
    """The contract as it was before someone changed a feed's query: members was an INTEGER."""
    text = feeds.CONTRACT_FILE.read_text(encoding="utf-8").replace("[members, BIGINT", "[members, INTEGER")
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_feed_that_changes_type_is_not_replaced_and_says_why(scenario, tmp_path):
    write(scenario)
    before = (scenario.workdir / "feeds" / "list_counts_daily.parquet").read_bytes()
    results = write(scenario, broken_contract(tmp_path))
    assert results["list_counts_daily"].mismatches == [
        "list_counts_daily.members: 类型由 INTEGER 变为 BIGINT / type changed from INTEGER to BIGINT"
    ]
    assert (scenario.workdir / "feeds" / "list_counts_daily.parquet").read_bytes() == before
    assert not results["class_distribution_daily"].mismatches  # the other feeds are still refreshed


def test_a_renamed_or_added_column_is_named_in_the_problem():
    _, contracts = feeds.contracts()
    feed = contracts["list_counts_daily"]
    names = [c.name for c in feed.columns]
    types = [c.type for c in feed.columns]
    assert feeds.shape_mismatches(feed, names, types) == []
    renamed = feeds.shape_mismatches(feed, [*names[:-1], "leavers"], types)
    assert renamed == [
        "list_counts_daily: 缺少列 / missing columns ['exits']",
        "list_counts_daily: 多出列 / new columns ['leavers']",
    ]
    assert "列顺序改变" in feeds.shape_mismatches(feed, names[::-1], types[::-1])[0]


def test_the_blocking_schema_check_fails_the_run_when_a_feed_changes_shape(scenario, tmp_path, monkeypatch):
    monkeypatch.setattr(feeds, "CONTRACT_FILE", broken_contract(tmp_path))
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))
    result = dg.materialize(
        [dashboard_feeds],
        raise_on_error=False,
        resources={"warehouse": WarehouseResource(path=str(scenario.workdir / "warehouse.duckdb"))},
    )
    (evaluation,) = result.get_asset_check_evaluations()
    assert evaluation.check_name == "feed_schema_contract" and evaluation.passed is False
    assert "members" in evaluation.metadata["problems"].value
    assert not result.success  # a blocking check that fails fails the run


def test_the_feed_document_is_generated_from_the_contract():
    assert feeds.DOC_FILE.read_text(encoding="utf-8") == feeds.render_doc(), "run `creditwh feeds-doc`"


def test_a_run_with_nothing_changed_writes_no_feed_file(scenario):
    write(scenario)
    before = on_disk(scenario.workdir / "feeds")
    results = write(scenario)
    assert not any(r.rewritten for r in results.values())
    assert on_disk(scenario.workdir / "feeds") == before


def test_the_next_day_rewrites_exactly_the_feeds_whose_content_changed_as_a_whole_write_would(scenario, tmp_path):
    write(scenario)
    _, contracts = feeds.contracts()
    before = {name: read(scenario, name) for name in contracts}
    files_before = on_disk(scenario.workdir / "feeds")
    next_day = AS_OF + timedelta(days=1)
    results = write(scenario, as_of=next_day)
    changed = {name for name in contracts if not read(scenario, name).equals(before[name])}
    assert {name for name, r in results.items() if r.rewritten} == changed
    # the daily feeds grow by a day; the monthly counts of June's business are as they were
    assert "list_counts_daily" in changed and "penalties_monthly_unit" not in changed
    files_after = on_disk(scenario.workdir / "feeds")
    for file, stat in files_before.items():
        if file.split(".")[0] not in changed:
            assert files_after[file] == stat, file  # not written again
    write(scenario, as_of=next_day, out=tmp_path / "whole")  # every file written, into an empty folder
    assert {f: digest for f, (_, _, digest) in files_after.items()} == {
        f: digest for f, (_, _, digest) in on_disk(tmp_path / "whole").items()
    }


def test_the_dashboard_names_the_screening_counts_as_the_kpis_do():
    # one wording for each count: the KPI (policy/kpis.csv), the feed contract and the dashboard's legend
    labels = measure_labels("screening_monthly", SCREENING_MEASURES)
    kpis = indicators()
    assert labels["cases_restricted_granted"] == kpis["restricted_granted"]["name_zh"]
    assert labels["cases_punished"] == kpis["punishment_cases"]["name_zh"]
    assert labels["cases_rewarded"] == kpis["reward_cases"]["name_zh"] == "授予守信主体业务数"
