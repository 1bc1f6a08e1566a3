"""Check characters: our implementation and its DuckDB macros, held to python-stdnum where stdnum is right."""

import random

import duckdb
import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from creditwh.platform.codes import (
    USCC_ALPHABET,
    is_valid_id,
    is_valid_org_code,
    is_valid_uscc,
    mask_id,
    uscc_check_char,
)
from creditwh.platform.sql import sql, statements

REFERENCE_CODES = [
    "91110108551385082Q",
    "91350100M000100Y43",
    "91110000600037341L",
    "91230500MA1B3N1N2M",
    "11230500001755309F",
]


@pytest.fixture(scope="module")
def macros():
    con = duckdb.connect()
    con.execute("create schema staging")
    for statement in statements(con, sql("validation/macros")):
        con.execute(statement.query)
    return con


def digit_led_codes(n=2000, seed=1):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = "".join(rng.choice("0123456789") for _ in range(8)) + "".join(
            rng.choice(USCC_ALPHABET) for _ in range(9)
        )
        good = body + uscc_check_char(body)
        bad = body + rng.choice([c for c in USCC_ALPHABET if c != good[-1]])
        out += [good, bad]
    return out


def test_the_reference_codes_validate():
    assert all(is_valid_uscc(c) for c in REFERENCE_CODES)


def test_our_uscc_check_agrees_with_stdnum_on_digit_led_codes():
    for code in digit_led_codes():
        assert is_valid_uscc(code) == stdnum_uscc.is_valid(code), code


def test_stdnum_wrongly_rejects_letter_led_codes_and_we_accept_them():
    # registering authorities N (群团), Y (其他) and A (中央军委改革和编制办公室) are letter-led
    letter_led = [
        body + uscc_check_char(body) for body in ("N2350102MA2Y3K0P7", "Y1350102MA2Y3K0P7", "A1350102MA2Y3K0P7")
    ]
    for code in letter_led:
        assert is_valid_uscc(code)
        assert not stdnum_uscc.is_valid(code)  # the library's flaw this project works around


def test_the_duckdb_macro_gives_the_same_answer_as_python(macros):
    codes = (
        digit_led_codes(500)
        + REFERENCE_CODES
        + ["N2350102MA2Y3K0P7" + uscc_check_char("N2350102MA2Y3K0P7"), "91350102MA2Y3K0P7I", "9135010", None]
    )
    got = macros.execute("select code, staging.uscc_valid(code) from unnest(?::varchar[]) t(code)", [codes]).fetchall()
    for code, valid in got:
        assert bool(valid) == is_valid_uscc(code), code


def test_org_code_check_inside_a_uscc(macros):
    assert is_valid_org_code("551385082") and not is_valid_org_code("551385083")
    got = dict(
        macros.execute(
            "select c, staging.org_code_valid(c) from unnest(['551385082', 'M000100Y4', '551385083']) t(c)"
        ).fetchall()
    )
    assert got == {"551385082": True, "M000100Y4": True, "551385083": False}


def test_id_numbers_agree_with_stdnum_check_digit_and_reject_future_births(macros):
    rng = random.Random(3)
    for _ in range(500):
        body = (
            "350102"
            + f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + f"{rng.randint(0, 999):03d}"
        )
        good = body + stdnum_ric.calc_check_digit(body + "0")  # stdnum wants the number with a check digit in place
        assert is_valid_id(good)
        bad = body + ("0" if good[-1] != "0" else "1")
        assert not is_valid_id(bad)
    assert is_valid_id("11010519491231002X")
    future = "350102" + "20990101" + "123"
    future += stdnum_ric.calc_check_digit(future + "0")
    assert not is_valid_id(future)
    got = macros.execute(
        "select staging.id_valid(?, date '2026-11-27'), staging.id_valid(?, date '2026-11-27')",
        ["11010519491231002X", future],
    ).fetchone()
    assert got == (True, False)


def test_identity_numbers_are_masked_keeping_the_first_6_and_last_4():
    assert mask_id("35010219800101123X") == "350102********123X"
