"""A failed step is reported in the words of the error that stopped it, not Dagster's wrapper."""

import dagster as dg

from pipelines.runner import failures


class UnmaskedIdentityNumber(RuntimeError):
    pass


@dg.asset
def publish_something():
    raise UnmaskedIdentityNumber("penalties_changes.csv 第 3 行「违法事实」含未脱敏身份证号 / an ID number in row 3")


def test_the_summary_names_the_cause_of_a_failed_step(tmp_path):
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        result = dg.materialize([publish_something], instance=instance, raise_on_error=False)
    [line] = failures(result)
    assert "penalties_changes.csv 第 3 行「违法事实」" in line
    assert "DagsterExecutionStepExecutionError" not in line and "Error occurred while executing" not in line
