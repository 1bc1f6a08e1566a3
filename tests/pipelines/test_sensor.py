"""The landing sensor requests runs for exactly the partitions whose files changed."""

import json

import dagster as dg

from creditwh.sample.builders import headers, penalty, write_csv
from pipelines.resources import LandingResource
from pipelines.sensors import landing_sensor


def tick(landing, instance, cursor=None):
    context = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"landing": LandingResource(root=str(landing))}
    )
    return landing_sensor(context)


def requested(result):
    return sorted((r.partition_key, tuple(k.to_user_string() for k in r.asset_selection)) for r in result.run_requests)


def test_sensor_requests_exactly_the_new_partitions_and_nothing_on_the_next_tick(landing):
    write_csv(landing / "penalties/2026-10-09/a.csv", [penalty()], headers("penalties"))
    write_csv(landing / "licenses/2026-10-09/b.csv", [{"subject_name": "x"}])
    write_csv(landing / "penalties/2026-10-12/c.csv", [penalty()], headers("penalties"))
    with dg.instance_for_test() as instance:
        first = tick(landing, instance)
        assert requested(first) == [
            ("2026-10-09", ("raw/licenses", "raw/penalties")),
            ("2026-10-12", ("raw/penalties",)),
        ]
        second = tick(landing, instance, first.cursor)
        assert second.run_requests == []


def test_sensor_notices_a_new_file_in_a_known_folder(landing):
    write_csv(landing / "penalties/2026-10-09/a.csv", [penalty()], headers("penalties"))
    with dg.instance_for_test() as instance:
        first = tick(landing, instance)
        write_csv(landing / "penalties/2026-10-09/b.csv", [penalty(decision_doc_no="2号")], headers("penalties"))
        again = tick(landing, instance, first.cursor)
        assert requested(again) == [("2026-10-09", ("raw/penalties",))]
        assert again.run_requests[0].run_key != first.run_requests[0].run_key


def test_sensor_ignores_folders_that_are_not_dates_or_outside_the_partitions(landing):
    write_csv(landing / "penalties/not-a-date/a.csv", [penalty()], headers("penalties"))
    write_csv(landing / "penalties/2026-02-30/a.csv", [penalty()], headers("penalties"))
    write_csv(landing / "penalties/1999-01-04/a.csv", [penalty()], headers("penalties"))
    write_csv(landing / "_manifest/defects.csv", [{"x": "1"}])
    with dg.instance_for_test() as instance:
        result = tick(landing, instance)
    assert result.run_requests == []
    assert "penalties/1999-01-04" in json.loads(result.cursor)
