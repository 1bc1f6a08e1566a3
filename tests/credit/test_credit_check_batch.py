"""A batch of credit checks (credit_check_batch, one set-based query) answers each code as its own check does."""

from datetime import date

import pytest

from creditwh.credit.build import credit_check, credit_check_batch
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, PERSON_ID, SERIOUS, as_person, penalty, uscc
from tests.support.scenario import Scenario

OTHER_USCC = uscc("91", "350102", "MA2Y3K1Q")
NEVER_SEEN = uscc("91", "350102", "MA2Y9X8K")


@pytest.fixture
def warehouse(tmp_path):
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-03-12", "penalties", penalty(decision_doc_no="罚1号", decision_date="2026-03-10"))
        .deliver(
            "2026-04-20",
            "penalties",
            penalty(
                **{**SERIOUS, "decision_doc_no": "罚2号", "decision_date": "2026-04-15"},
                subject_name="福州另一有限公司",
                uscc=OTHER_USCC,
            ),
        )
        .deliver("2026-05-06", "penalties", penalty(**as_person(), decision_doc_no="罚3号", decision_date="2026-05-01"))
        .run()
    )
    return scenario.workdir / "warehouse.duckdb"


@pytest.mark.parametrize("known", ["then", "now"])
@pytest.mark.parametrize("as_of", ["2026-03-01", "2026-04-01", "2026-06-01"])
def test_each_answer_of_a_batch_is_the_answer_of_its_own_check(warehouse, as_of, known):
    codes = [COMPANY_USCC, OTHER_USCC, PERSON_ID, NEVER_SEEN, f" {COMPANY_USCC.lower()} "]
    day = date.fromisoformat(as_of)
    with connect(warehouse, read_only=True) as con:
        batch = credit_check_batch(con, codes, day, known)
        singles = {code: credit_check(con, code, day, known) for code in codes}
    assert batch == singles
    assert any(answer["known"] for answer in batch.values()) or as_of == "2026-03-01"


def test_a_code_no_check_can_read_is_answered_with_its_problem_and_the_rest_are_checked(warehouse):
    with connect(warehouse, read_only=True) as con:
        batch = credit_check_batch(con, [COMPANY_USCC, "12345"], date(2026, 6, 1))
    assert "problem" in batch["12345"] and batch[COMPANY_USCC]["known"]
