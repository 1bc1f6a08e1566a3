"""Marts kept subject by subject: a rebuild of the touched subjects gives what a whole build would."""

import pytest

from creditwh.credit.build import policy_params, prepare_core
from creditwh.credit.by_subject import ALL, MARTS, refresh
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, SERIOUS, clean, penalty, uscc
from tests.support.scenario import Scenario

STANDING = MARTS["credit/credit_standing_history"]
OTHER_USCC = uscc("91", "350102", "MA4R2T9W")


@pytest.fixture
def warehouse(tmp_path):
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", penalty(**SERIOUS))
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(
            **SERIOUS,
            uscc=OTHER_USCC,
            subject_name="福州市鼓楼区远航贸易有限公司",
            decision_doc_no="鼓市监罚〔2026〕77号",
        ),
    )
    scenario.deliver("2026-05-06", "licenses", clean("licenses"))
    scenario.run()
    with connect(tmp_path / "warehouse.duckdb") as con:
        prepare_core(con)
        yield con


def history(con):
    return con.execute(f"select * from {STANDING.table} order by all").fetchall()


def whole_build(con, params):
    """The mart as a whole build gives it, into a scratch table."""
    execute(
        con,
        "platform/rebuild_table",
        params,
        fragments={"rows": STANDING.rows_sql(ALL), "layout": STANDING.layout},
        table="whole_build",
    )
    return con.execute("select * from whole_build order by all").fetchall()


def test_nothing_changed_means_no_subject_is_computed_again(warehouse):
    before = history(warehouse)
    assert refresh(warehouse, STANDING, policy_params()).recomputed == 0
    assert history(warehouse) == before


def test_a_subject_whose_records_changed_is_computed_again_and_only_it(warehouse):
    params = policy_params()
    other = warehouse.execute("select subject_key from core.subjects where uscc = ?", [OTHER_USCC]).fetchone()[0]
    warehouse.execute("delete from marts.event_timelines where subject_key = ?", [other])  # its penalty is revoked
    done = refresh(warehouse, STANDING, params)
    assert (done.rebuilt, done.recomputed) == (False, 1)
    assert history(warehouse) == whole_build(warehouse, params)
    assert warehouse.execute(f"select count(*) from {STANDING.table} where subject_key = ?", [other]).fetchone() == (0,)
    company = warehouse.execute("select subject_key from core.subjects where uscc = ?", [COMPANY_USCC]).fetchone()[0]
    assert warehouse.execute(
        f"select bool_or(black) from {STANDING.table} where subject_key = ?", [company]
    ).fetchone() == (True,)


def test_a_new_policy_builds_the_whole_mart_again(warehouse):
    params = {**policy_params(), "base_score": policy_params()["base_score"] - 10}
    done = refresh(warehouse, STANDING, params)
    assert done.rebuilt
    assert history(warehouse) == whole_build(warehouse, params)


def test_the_asset_reports_how_many_subjects_it_computed(tmp_path):
    import dagster as dg

    from assets.credit import credit_standing_history
    from pipelines.resources import WarehouseResource

    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", penalty(**SERIOUS)).run()  # the run builds the mart whole
    resources = {"warehouse": WarehouseResource(path=str(tmp_path / "warehouse.duckdb"))}
    result = dg.materialize([credit_standing_history], resources=resources)
    meta = result.asset_materializations_for_node(credit_standing_history.op.name)[0].metadata
    assert (meta["subjects_recomputed"].value, meta["rebuilt_whole"].value) == (0, False)
