"""The scenario harness builds the models the way the daemon does: walking the real asset graph gives the same
tables as materializing it with Dagster."""

from creditwh.sample.builders import clean, penalty
from tests.support.scenario import MODEL_KEYS, MODELS, Scenario


def deliveries(scenario: Scenario) -> Scenario:
    listed = clean("upstream_lists", list_type="失信被执行人", kind="惩戒", listed_on="2026-05-10", valid_until="")
    scenario.deliver("2026-05-11", "upstream_lists", listed)
    scenario.deliver("2026-03-02", "penalties", penalty(fine_amount="50000", decided_on="2026-02-26"))
    scenario.deliver(
        "2026-06-11",
        "procurement",
        clean("procurement", consortium_usccs="", credit_checked_on="2026-06-01", award_date="2026-06-10"),
    )
    return scenario


def test_every_model_in_the_graph_is_built_after_what_it_reads():
    steps = [step for _, step in MODELS]
    assert "screening/trigger_feedback" in steps and "credit/credit_check" in steps
    assert (
        steps.index("credit/credit_events")
        < steps.index("credit/event_timelines")
        < steps.index("screening/screenings")
    )


def test_walking_the_graph_builds_what_dagster_materializes(tmp_path):
    walked = deliveries(Scenario(tmp_path / "walk")).run()
    materialized = deliveries(Scenario(tmp_path / "dagster", materialize=True)).run()
    tables = [
        ".".join(key.path)
        for key in MODEL_KEYS
        if walked.query(
            "select count(*) from duckdb_tables() where schema_name || '.' || table_name = ?", [".".join(key.path)]
        )[0][0]
    ]
    assert "marts.screenings" in tables
    for table in tables:
        assert sorted(map(repr, walked.query(f"select * from {table}"))) == sorted(
            map(repr, materialized.query(f"select * from {table}"))
        ), table
