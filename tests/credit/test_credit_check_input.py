"""The credit check reads a code as staff type or paste it, and never answers a mistyped code as a clean record
(issue 21, items 3 and 4)."""

from datetime import date

import pytest
from click.testing import CliRunner

from creditwh.credit.build import InvalidCode
from creditwh.platform.codes import is_valid_id, is_valid_uscc, normalise_code, read_code
from creditwh.sample.builders import COMPANY_USCC, as_person, person_id, serious_penalty
from pipelines.cli import main
from tests.support.scenario import Scenario

# 1 ID number in 31 also passes the USCC check character: this one does
BOTH = person_id(birth="19850612", seq="102")
PERSON = as_person(BOTH)


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def test_the_example_number_is_valid_as_both_a_uscc_and_an_id_number():
    assert is_valid_uscc(BOTH) and is_valid_id(BOTH)


def test_a_person_whose_id_number_passes_the_uscc_check_is_found_and_never_shown(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty(**PERSON)).run()
    result = scenario.check(BOTH, "2026-06-01")
    assert result["known"] and result["subject_name"] == "张三" and result["black"]
    assert result["subject_key"].startswith("P") and BOTH not in str(result)


def test_an_unknown_code_valid_as_both_is_keyed_as_a_person_so_the_number_is_not_printed(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    result = scenario.check(BOTH, "2026-06-01")
    assert not result["known"] and result["subject_key"].startswith("P")


@pytest.mark.parametrize(
    "typed",
    [
        COMPANY_USCC + "\t",  # pasted from a spreadsheet cell
        " " + COMPANY_USCC.lower(),
        COMPANY_USCC[:9] + "\u200b" + COMPANY_USCC[9:],  # a zero-width space from a chat
        "".join(chr(ord(c) + 0xFEE0) for c in COMPANY_USCC),  # full-width (ＩＭＥ)
        COMPANY_USCC[:6] + "\u3000" + COMPANY_USCC[6:],  # an ideographic space
    ],
    ids=["tab", "lower case", "zero width", "full width", "ideographic space"],
)
def test_a_black_listed_supplier_pasted_carelessly_is_still_black_listed(scenario, typed):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    assert normalise_code(typed) == COMPANY_USCC
    result = scenario.check(typed, "2026-06-01")
    assert result["known"] and result["black"]


def test_the_sql_macro_reads_a_pasted_code_as_the_command_line_does(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in COMPANY_USCC)
    rows = scenario.query("select black from marts.credit_check(?, date '2026-06-01')", [full_width + "\t"])
    assert rows == [(True,)]


def test_one_wrong_character_is_an_error_naming_the_failed_check_not_a_clean_record(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    wrong = COMPANY_USCC[:-1] + ("0" if COMPANY_USCC[-1] != "0" else "1")
    with pytest.raises(InvalidCode, match="校验位应为" + COMPANY_USCC[-1]):
        scenario.check(wrong, "2026-06-01")


def test_an_old_15_digit_id_number_finds_the_person():
    old = BOTH[:6] + BOTH[8:17]
    assert read_code(old, date(2026, 6, 1)).code == BOTH


def test_the_command_line_exits_non_zero_on_a_bad_code_and_a_bad_date(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    warehouse = str(scenario.workdir / "warehouse.duckdb")
    runner = CliRunner()
    bad_code = runner.invoke(main, ["check", COMPANY_USCC[:17], "--as-of", "2026-06-01", "--warehouse", warehouse])
    assert bad_code.exit_code != 0 and "17" in bad_code.output and "Traceback" not in bad_code.output
    for day in ("2026-02-30", ""):
        bad_day = runner.invoke(main, ["check", COMPANY_USCC, "--as-of", day, "--warehouse", warehouse])
        assert bad_day.exit_code != 0 and "YYYY-MM-DD" in bad_day.output and "Traceback" not in bad_day.output
    unknown = runner.invoke(main, ["check", BOTH, "--as-of", "2026-06-01", "--warehouse", warehouse])
    assert unknown.exit_code == 0 and "未查到" in unknown.output and BOTH not in unknown.output
