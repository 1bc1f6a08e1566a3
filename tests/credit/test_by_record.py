"""Core tables kept record by record: applying the validations' change log gives what a whole build would."""

from datetime import date

import pytest

from creditwh.credit.build import build_step, policy_params, prepare_core
from creditwh.credit.by_record import ALL, TABLES, build_state, purge, refresh
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import SERIOUS, clean, headers, penalty, uscc, write_csv
from creditwh.validation.validate import validate_partition
from tests.support.scenario import Scenario

EVENTS = TABLES["credit/credit_events"]
TIMELINES = TABLES["credit/event_timelines"]
SUBJECTS = TABLES["credit/subjects"]
OTHER_USCC = uscc("91", "350102", "MA4R2T9W")
OTHER = dict(uscc=OTHER_USCC, subject_name="福州市鼓楼区远航贸易有限公司", decision_doc_no="鼓市监罚〔2026〕77号")


@pytest.fixture
def scenario(tmp_path):
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", penalty(**SERIOUS))
    scenario.deliver("2026-05-06", "penalties", penalty(**SERIOUS, **OTHER))
    scenario.deliver("2026-05-06", "licenses", clean("licenses"))
    return scenario.run()  # builds the events whole


def redeliver(scenario, day: str, source: str, rows: list[dict]) -> None:
    """The unit sends a day again: its landing file is replaced, ingested and validated."""
    [day_file] = (scenario.landing / source / day).glob("*.csv")
    write_csv(day_file, rows, headers(source))
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        ingest_partition(con, get_source(source), scenario.landing, date.fromisoformat(day))
        validate_partition(con, get_source(source), date.fromisoformat(day))


def deliver(scenario, day: str, source: str, rows: list[dict]) -> None:
    """A new day's delivery, ingested and validated."""
    write_csv(scenario.landing / source / day / "late.csv", rows, headers(source))
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        ingest_partition(con, get_source(source), scenario.landing, date.fromisoformat(day))
        validate_partition(con, get_source(source), date.fromisoformat(day))


def refreshed(scenario, params=None, table=EVENTS):
    """Bring the table up to date (for the timelines, the events and case effects first, as a run does); what was
    derived, the table, and the table as a whole build gives it."""
    params = params or policy_params()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        if table is TIMELINES:
            build_step(con, "credit/credit_events")
            build_step(con, "credit/case_effects")
        con.execute("begin transaction")
        prepare_core(con)
        done = refresh(con, table, params)
        con.execute("commit")
        purge(con)  # as build_step does
        kept = con.execute(f"select * from {table.table} order by all").fetchall()
        whole = whole_build(con, table, params)
    return done, kept, whole


def whole_build(con, table, params, also: tuple[str, ...] = ()) -> list:
    """The table as a whole build gives it (and the other relations named, as that build leaves them), in a
    transaction rolled back: a table kept from state of its own (core.subjects) keeps the state it had."""
    con.execute("begin transaction")
    if table.state:
        build_state(con, table, params)
    execute(
        con,
        "platform/rebuild_table",
        params,
        fragments={"rows": table.rows_sql(ALL), "layout": table.layout},
        table="whole_build",
    )
    out = [con.execute(f"select * from {name} order by all").fetchall() for name in ("whole_build", *also)]
    con.execute("rollback")
    return out if also else out[0]


def test_nothing_delivered_means_no_record_is_derived_again(scenario):
    before = scenario.query(f"select * from {EVENTS.table} order by all")
    done, kept, whole = refreshed(scenario)
    assert (done.rebuilt, done.recomputed) == (False, 0)
    assert kept == before == whole


def test_a_corrected_delivery_derives_only_the_records_of_that_day(scenario):
    deliver(scenario, "2026-05-07", "penalties", [penalty(**{**SERIOUS, "fine_10k_yuan": "3"})])  # a correction of one
    done, kept, whole = refreshed(scenario)
    assert (done.rebuilt, done.recomputed) == (False, 1)
    assert kept == whole
    # the version delivered first stays, superseded on the day the correction came (as known then, issue 21)
    assert scenario.query(
        "select fine_10k_yuan::double, first_reported::varchar, known_from::varchar, superseded_on::varchar "
        "from core.credit_events where record_doc_no = ? order by known_from",
        [penalty()["decision_doc_no"]],
    ) == [(None, "2026-05-06", "2026-05-06", "2026-05-07"), (3.0, "2026-05-06", "2026-05-07", None)]


def test_a_record_left_out_of_a_day_sent_again_loses_its_event(scenario):
    redeliver(scenario, "2026-05-06", "penalties", [penalty(**SERIOUS)])  # without the other company's penalty
    done, kept, whole = refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert scenario.query(
        "select count(*) from core.credit_events where record_doc_no = ?", [OTHER["decision_doc_no"]]
    ) == [(0,)]


def test_a_correction_verdict_derives_the_penalty_again_without_a_new_delivery_of_it(scenario):
    deliver(
        scenario,
        "2026-06-21",
        "objections",
        [
            clean(
                "objections",
                record_doc_no=penalty()["decision_doc_no"],
                accepted_on="2026-06-01",
                verdict="更正",
                closed_on="2026-06-20",
                correction="penalty_categories=警告",
            )
        ],
    )
    done, kept, whole = refreshed(scenario)
    assert (done.rebuilt, done.recomputed) == (False, 2)  # the objection's own record, and the penalty it corrects
    assert kept == whole
    # the record's current version is corrected; as known then it was serious until the correction arrived
    assert scenario.query(
        "select severity from core.credit_events where record_doc_no = ? order by known_from",
        [penalty()["decision_doc_no"]],
    ) == [("serious",), ("minor",)]


def test_a_new_policy_builds_the_whole_table_again(scenario):
    params = {**policy_params(), "serious_fine": 1}  # every fine of 10,000 yuan or more is serious
    done, kept, whole = refreshed(scenario, params)
    assert done.rebuilt
    assert kept == whole


def test_a_change_anywhere_in_the_policy_file_builds_the_whole_table_again(scenario, monkeypatch):
    import creditwh.platform.policy as policy_file

    policy = policy_file.load_policy()  # the publicity regimes are read from the file, not from the parameters
    monkeypatch.setattr(
        policy_file, "load_policy", lambda: {**policy, "publicity_regimes": policy["publicity_regimes"][:1]}
    )
    done, kept, whole = refreshed(scenario)
    assert done.rebuilt
    assert kept == whole


def test_a_corrected_delivery_reaches_the_timelines_through_the_events_log(scenario):
    deliver(scenario, "2026-05-07", "penalties", [penalty(**{**SERIOUS, "fine_10k_yuan": "3"})])
    done, kept, whole = refreshed(scenario, table=TIMELINES)
    assert (done.rebuilt, done.recomputed) == (False, 1)
    assert kept == whole


def test_an_approved_repair_ends_the_timeline_of_its_event_without_a_change_to_the_event(scenario):
    deliver(scenario, "2026-10-12", "repairs", [clean("repairs", record_doc_no=penalty()["decision_doc_no"])])
    done, kept, whole = refreshed(scenario, table=TIMELINES)
    assert (done.rebuilt, done.recomputed) == (False, 1)  # the repaired penalty's event, found by its cases
    assert kept == whole
    assert scenario.query(
        "select effect_to::varchar from marts.event_timelines where event_id like 'penalties:%' "
        "and effect_to < '2029-01-01'"
    ) == [("2026-10-12",)]


def test_the_change_log_is_emptied_once_every_table_has_applied_it(scenario):
    deliver(scenario, "2026-05-07", "penalties", [penalty(**{**SERIOUS, "fine_10k_yuan": "3"})])
    assert scenario.query("select count(*) from ops.record_changes") == [(1,)]
    refreshed(scenario)  # the events apply it; the timelines have not yet
    assert scenario.query("select count(*) from ops.record_changes where source = 'penalties'") == [(1,)]
    refreshed(scenario, table=TIMELINES)
    refreshed(scenario, table=SUBJECTS)  # the subjects read the penalties too
    refreshed(scenario)  # and the events apply the batch they logged for the timelines
    assert scenario.query("select count(*) from ops.record_changes where source = 'penalties'") == [(0,)]


def test_the_asset_reports_how_many_records_it_derived(tmp_path):
    import dagster as dg

    from assets.credit import credit_events
    from pipelines.resources import WarehouseResource

    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", penalty(**SERIOUS)).run()  # the run builds the events whole
    resources = {"warehouse": WarehouseResource(path=str(tmp_path / "warehouse.duckdb"))}
    result = dg.materialize([credit_events], resources=resources)
    meta = result.asset_materializations_for_node(credit_events.op.name)[0].metadata
    assert (meta["records_recomputed"].value, meta["rebuilt_whole"].value) == (0, False)
