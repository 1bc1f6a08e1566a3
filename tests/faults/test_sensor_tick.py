"""A sensor tick killed before Dagster stored its cursor asks again for the same runs, under the same run keys,
so a run it had already launched is not launched twice (Dagster skips a run key it has seen)."""

import dagster as dg

from creditwh.sample.builders import headers, penalty, write_csv
from pipelines.resources import LandingResource
from pipelines.sensors import landing_sensor


def tick(landing, instance, cursor=None):
    context = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"landing": LandingResource(root=str(landing))}
    )
    return landing_sensor(context)


def test_a_killed_tick_is_asked_again_with_the_same_run_keys_and_loses_no_delivery(landing):
    write_csv(landing / "penalties/2026-10-09/a.csv", [penalty()], headers("penalties"))
    with dg.instance_for_test() as instance:
        stored = tick(landing, instance).cursor  # a tick that completed
        write_csv(landing / "penalties/2026-10-12/b.csv", [penalty(decision_doc_no="2号")], headers("penalties"))
        write_csv(landing / "licenses/2026-10-12/c.csv", [{"subject_name": "x"}])

        killed = tick(landing, instance, stored)  # evaluated, then killed: its cursor is never stored
        again = tick(landing, instance, stored)

        assert [r.run_key for r in again.run_requests] == [r.run_key for r in killed.run_requests]
        assert [
            (r.partition_key, sorted(k.to_user_string() for k in r.asset_selection)) for r in again.run_requests
        ] == [("2026-10-12", ["raw/licenses", "raw/penalties"])]
        assert tick(landing, instance, again.cursor).run_requests == []  # stored now: nothing asked twice
