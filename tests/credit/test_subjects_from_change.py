"""core.subjects kept from change (issue 24): a day re-derives the subjects its changed records name, now or before
the day was sent again, from every record naming them, and the table is what a whole build gives, row for row."""

import pytest

from creditwh.credit import by_record
from creditwh.credit.build import policy_params
from creditwh.credit.by_record import TABLES
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, SERIOUS, as_person, clean, penalty, person_id, uscc
from tests.credit.test_by_record import deliver, redeliver, refreshed, whole_build
from tests.support.scenario import Scenario

SUBJECTS = TABLES["credit/subjects"]
STATE = ("ops.subject_shares", "ops.subject_state")
OTHER_USCC = uscc("91", "350102", "MA4R2T9W")
OTHER = dict(uscc=OTHER_USCC, subject_name="福州市鼓楼区远航贸易有限公司", decision_doc_no="鼓市监罚〔2026〕77号")
MOVER_USCC = uscc("91", "350102", "MA5C8D1E")  # a commitment's only subject, until the day is sent again
THIRD_USCC = uscc("91", "350102", "MA6F2G3H")
MEMBER_USCC = uscc("91", "350102", "MA31XQ7B")  # the consortium member of the sample award
NEW_MEMBER_USCC = uscc("91", "350102", "MA7J4K5L")
NEWCO_USCC = uscc("91", "350102", "MA8M6N7P")
PERSON = as_person(person_id(seq="456"), "李四")
MOVER = dict(commitment_no="CN-2026-000077", uscc=MOVER_USCC, subject_name="福州市鼓楼区迁移商贸有限公司")
PERSON_PENALTY = penalty(**PERSON, decision_doc_no="鼓市监罚〔2026〕90号")


@pytest.fixture
def scenario(tmp_path):
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-10-12", "penalties", penalty(**SERIOUS))
    scenario.deliver("2026-10-12", "penalties", penalty(**SERIOUS, **OTHER))
    scenario.deliver("2026-10-12", "penalties", PERSON_PENALTY)
    scenario.deliver("2026-10-12", "licenses", clean("licenses"))
    scenario.deliver("2026-10-12", "commitments", clean("commitments"))
    scenario.deliver("2026-10-12", "commitments", clean("commitments", **MOVER))
    scenario.deliver("2026-10-12", "procurement", clean("procurement"))
    scenario.deliver("2026-10-12", "upstream_lists", clean("upstream_lists"))
    return scenario.run()  # builds core.subjects whole


def subjects_refreshed(scenario, params=None):
    """Bring core.subjects up to date from change; what was derived, the table, and the table a whole build gives.
    The state it is kept from (each record's share of its subjects, each subject's aggregate: what the next day
    starts from) must be what a whole build leaves too."""
    done, kept, _ = refreshed(scenario, params, table=SUBJECTS)
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        state = [con.execute(f"select * from {name} order by all").fetchall() for name in STATE]
        whole, *whole_state = whole_build(con, SUBJECTS, params or policy_params(), also=STATE)
    assert state == whole_state
    return done, kept, whole


def subject_keys(scenario) -> set[str]:
    return {key for (key,) in scenario.query("select subject_key from core.subjects")}


def test_nothing_delivered_means_no_subject_is_derived_again(scenario):
    before = scenario.query("select * from core.subjects order by all")
    done, kept, whole = subjects_refreshed(scenario)
    assert (done.rebuilt, done.recomputed) == (False, 0)
    assert kept == before == whole


def test_a_new_name_reaches_the_subject_and_its_name_history(scenario):
    renamed = "福州市鼓楼区闽江数字科技有限公司"
    deliver(
        scenario,
        "2026-10-13",
        "licenses",
        [clean("licenses", subject_name=renamed, decision_doc_no="榕鼓财许〔2026〕9号")],
    )
    done, kept, whole = subjects_refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert scenario.query(
        "select subject_name, name_history, last_reported::varchar from core.subjects where subject_key = ?",
        [COMPANY_USCC],
    ) == [(renamed, sorted(["福州市鼓楼区闽江科技有限公司", renamed]), "2026-10-13")]
    # only the day's record was read: the company's row took it on top of its aggregate
    assert done.recomputed == 1


def test_a_subject_whose_only_record_is_left_out_of_a_day_sent_again_loses_its_row(scenario):
    assert OTHER_USCC in subject_keys(scenario)
    redeliver(scenario, "2026-10-12", "penalties", [penalty(**SERIOUS), PERSON_PENALTY])  # without OTHER's
    done, kept, whole = subjects_refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert OTHER_USCC not in subject_keys(scenario)


def test_a_record_sent_again_under_another_uscc_moves_to_that_subject(scenario):
    # the commitment keeps its number (its record key) and names another company: the first loses its only record
    assert MOVER_USCC in subject_keys(scenario)
    moved = dict(MOVER, uscc=THIRD_USCC, subject_name="福州市鼓楼区第三贸易有限公司")
    redeliver(scenario, "2026-10-12", "commitments", [clean("commitments"), clean("commitments", **moved)])
    done, kept, whole = subjects_refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert MOVER_USCC not in subject_keys(scenario)
    assert scenario.query("select subject_name from core.subjects where subject_key = ?", [THIRD_USCC]) == [
        ("福州市鼓楼区第三贸易有限公司",)
    ]


def test_an_award_sent_again_with_another_consortium_member_moves_the_membership(scenario):
    assert MEMBER_USCC in subject_keys(scenario)
    redeliver(scenario, "2026-10-12", "procurement", [clean("procurement", consortium_usccs=NEW_MEMBER_USCC)])
    done, kept, whole = subjects_refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert MEMBER_USCC not in subject_keys(scenario)
    assert NEW_MEMBER_USCC in subject_keys(scenario)


def test_days_of_deliveries_kept_from_change_equal_a_whole_build_after_each(scenario):
    person_renamed = dict(PERSON, subject_name="李四（个体）")
    newco = dict(uscc=NEWCO_USCC, decision_doc_no="榕鼓财许〔2026〕31号")
    days = [
        (
            "2026-10-13",
            "licenses",
            [
                clean("licenses", **PERSON, decision_doc_no="榕鼓财许〔2026〕21号"),
                clean("licenses", **newco, subject_name="福州市鼓楼区新创有限公司"),
            ],
        ),
        ("2026-10-14", "penalties", [penalty(**SERIOUS, legal_rep="陈志明", legal_rep_id_no=person_id(seq="789"))]),
        (
            "2026-10-15",
            "licenses",
            [
                clean("licenses", **person_renamed, decision_doc_no="榕鼓财许〔2026〕21号"),
                clean("licenses", **newco, subject_name="福州市鼓楼区新创科技有限公司"),
            ],
        ),
        (
            "2026-10-16",
            "upstream_lists",
            [clean("upstream_lists", uscc=OTHER_USCC, decision_doc_no="（2026）闽0102执77号")],
        ),
    ]
    for day, source, rows in days:
        deliver(scenario, day, source, rows)
        done, kept, whole = subjects_refreshed(scenario)
        assert not done.rebuilt
        assert kept == whole, day
    # a day sent again after later days: the new company's first license goes, its later version stays, so the
    # company was first reported later and never used its first name
    redeliver(scenario, "2026-10-13", "licenses", [])
    done, kept, whole = subjects_refreshed(scenario)
    assert not done.rebuilt
    assert kept == whole
    assert scenario.query(
        "select first_reported::varchar, name_history from core.subjects where subject_key = ?", [NEWCO_USCC]
    ) == [("2026-10-15", ["福州市鼓楼区新创科技有限公司"])]


def test_a_new_salt_builds_the_whole_table_again(scenario):
    params = {**policy_params(), "salt": "another-salt"}
    done, kept, whole = subjects_refreshed(scenario, params)
    assert done.rebuilt
    assert kept == whole


def test_a_whole_build_in_slices_is_the_build_in_one(scenario, monkeypatch):
    # at 10M records one pass ran out of memory: a whole build aggregates a slice of the records, then of the
    # subjects, at a time, and the slices must add up to what one pass gives, state included
    params = policy_params()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        one = whole_build(con, SUBJECTS, params, also=STATE)
        monkeypatch.setattr(by_record, "ROWS_PER_SLICE", 2)
        con.execute("begin transaction")
        slices = by_record.build_state(con, SUBJECTS, params)
        con.execute("rollback")
        sliced = whole_build(con, SUBJECTS, params, also=STATE)
    assert slices == 4  # the scenario's 8 deliveries, 2 a slice
    assert sliced == one
    assert len(one[0]) == len(subject_keys(scenario)) > slices  # the subjects are split between slices too
