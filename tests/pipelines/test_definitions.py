"""The code location loads, and its graph, jobs, schedule and pools are what the bureau relies on."""

import dagster as dg
import yaml

from creditwh.platform.config import REPO_ROOT
from creditwh.platform.sources import SOURCES
from pipelines.definitions import defs
from pipelines.resources import WRITER_POOL


def test_all_definitions_load():
    dg.Definitions.validate_loadable(defs)


def test_asset_graph_snapshot():
    """A change to keys or groups shows up here, in review."""
    graph = defs.resolve_asset_graph()
    snapshot = sorted((key.to_user_string(), graph.get(key).group_name) for key in graph.get_all_asset_keys())
    assert snapshot == sorted(
        [(f"raw/{s}", "raw") for s in SOURCES]
        + [("raw/stray_files", "raw")]
        + [(f"staging/{s}", "staging") for s in SOURCES]
        + [("staging/work_calendar", "staging")]
        + [("quality/summary", "quality"), ("quality/correction_lists", "quality")]
        + [("core/subjects", "core"), ("core/credit_events", "core"), ("core/case_effects", "core")]
        + [("core/commitments", "core")]
        + [
            (f"marts/{m}", "marts")
            for m in (
                "event_timelines",
                "credit_standing_history",
                "credit_standing_history_now",
                "credit_class_daily",
                "list_memberships",
                "key_monitoring",
                "credit_check",
                "screening_parties",
                "screening_check_reasons",
                "screening_reasons",
                "screenings",
                "screening_review",
                "restricted_awards",
                "trigger_feedback",
            )
        ]
        + [
            ("publish/trigger_feedback_files", "publish"),
            ("publish/analytics_snapshot", "publish"),
            ("publish/data_dictionary", "publish"),
            ("publish/double_publicity", "publish"),
            ("publish/credit_lists", "publish"),
            ("publish/key_monitoring", "publish"),
            ("publish/dashboard_feeds", "publish"),
            ("publish/dashboard", "publish"),
            ("publish/assessment_report", "publish"),
            ("marts/kpi", "marts"),
        ]
        + [("maintenance/warehouse_storage", "maintenance")]
    )


def test_each_staging_asset_reads_its_raw_source_and_the_calendar():
    graph = defs.resolve_asset_graph()
    for s in SOURCES:
        parents = {k.to_user_string() for k in graph.get(dg.AssetKey(["staging", s])).parent_keys}
        assert parents == {f"raw/{s}", "staging/work_calendar"}


def test_every_asset_that_writes_the_warehouse_is_in_the_writer_pool():
    for assets_def in defs.resolve_asset_graph().assets_defs:
        for spec in assets_def.specs:
            if "duckdb" in spec.kinds:
                assert assets_def.op.pool == WRITER_POOL, spec.key


def test_every_asset_has_a_description_and_a_group():
    for assets_def in defs.resolve_asset_graph().assets_defs:
        for spec in assets_def.specs:
            assert spec.description and spec.group_name, spec.key


def test_dagster_dev_in_the_repo_gets_pools_of_one_slot(tmp_path):
    """`dagster dev` without DAGSTER_HOME reads dagster.yaml from the working directory (the repo root)."""
    from dagster._core.instance.ref import InstanceRef

    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(tmp_path), config_dir=str(REPO_ROOT))) as instance:
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1


def test_ingest_job_selects_the_raw_layer():
    job = defs.resolve_job_def("ingest_landing")
    # every source's partitions, and the landing scan that registers the files outside every date folder
    assert {k.to_user_string() for k in job.asset_layer.selected_asset_keys} == {f"raw/{s}" for s in SOURCES} | {
        "raw/stray_files"
    }
    assert job.partitions_def.timezone == "Asia/Shanghai"


def test_daily_schedule_runs_at_0630_fuzhou_time():
    schedule = defs.resolve_schedule_def("daily_warehouse_schedule")
    assert schedule.cron_schedule == "30 6 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_workspace_yaml_points_at_the_code_location():
    workspace = yaml.safe_load((REPO_ROOT / "workspace.yaml").read_text())
    assert workspace["load_from"][0]["python_module"]["module_name"] == "pipelines.definitions"


def test_maintenance_runs_weekly_outside_the_daily_chain():
    schedule = defs.resolve_schedule_def("weekly_maintenance_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 3 * * 0", "Asia/Shanghai")
    daily = defs.resolve_job_def("daily_warehouse").asset_layer.selected_asset_keys
    assert dg.AssetKey(["raw", "penalties"]) in daily
    assert dg.AssetKey(["maintenance", "warehouse_storage"]) not in daily
    assert defs.resolve_job_def("warehouse_maintenance").asset_layer.selected_asset_keys == {
        dg.AssetKey(["maintenance", "warehouse_storage"])
    }
