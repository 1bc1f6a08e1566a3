"""Identity numbers written into free text: staging.ids_in_text finds them, staging.mask_ids_in_text masks them.

Decided here: a number is whole groups of a run of digits (spaces and hyphens may split a run into groups), never
a piece cut out of a longer unbroken digit string. A 20-digit bank account that holds an ID-like run is not an ID.
"""

import duckdb
import pytest

from creditwh.platform.codes import id_check_char, is_valid_id
from creditwh.platform.sql import execute

VALID_X = "11010519491231002X"  # REFERENCE §2's example
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def with_check(first17: str) -> str:
    return first17 + id_check_char(first17)


ID = with_check("35010219850312105")  # 350102198503121053
OLD_ID = "350102850312105"  # 15 digits: area, YYMMDD 850312, sequence 105
# a licence number built as area + date + serial whose last character is not the check character: in free text it is
# taken for a mistyped ID (17 of its 18 characters would still be a person's) and masked
LICENCE_NO = "350102202602220102"
# one dated after today cannot be anyone's birth date
FUTURE_LICENCE_NO = "350102209912310102"


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    con.execute("create schema staging")
    execute(con, "validation/macros")
    return con


def found(con, text):
    return con.execute("select staging.ids_in_text(?), staging.mask_ids_in_text(?)", [text, text]).fetchone()


def test_the_numbers_used_here_are_what_they_claim():
    from datetime import date

    assert is_valid_id(ID, date.today()) and is_valid_id(VALID_X, date.today())
    assert not is_valid_id(LICENCE_NO, date.today()) and not is_valid_id(FUTURE_LICENCE_NO, date.today())


@pytest.mark.parametrize(
    "text, ids, masked",
    [
        (f"身份证号{ID}，罚款", [ID], "身份证号350102********1053，罚款"),
        (f"号码 {ID[:6]} {ID[6:14]} {ID[14:]} 止", [ID], "号码 350102********1053 止"),
        (f"{ID[:6]}-{ID[6:14]}-{ID[14:]}", [ID], "350102********1053"),
        (f"{ID[:6]}－{ID[6:14]}—{ID[14:]}‐", [ID], "350102********1053‐"),  # full-width hyphen, em dash
        (f"证件：{ID.translate(FULL_WIDTH)}。", [ID], "证件：350102********1053。"),
        (f"旧证{OLD_ID}号", [OLD_ID], "旧证350102*****2105号"),
        (f"{VALID_X.lower()}", [VALID_X], "110105********002X"),
        (f"张三{VALID_X[:-1]}ｘ", [VALID_X], "张三110105********002X"),  # a full-width x
        (f"许可证号{LICENCE_NO}", [LICENCE_NO], "许可证号350102********0102"),  # a mistyped ID's shape
        (f"号码{ID[:-1]}4", [ID[:-1] + "4"], "号码350102********1054"),  # the check character mistyped
        (f"{VALID_X[:-1]}×", [VALID_X], "110105********002X"),  # × for X, as an input method writes it
        (f"{ID[:6]}\t{ID[6:14]}\u00a0{ID[14:]}", [ID], "350102********1053"),  # tab, no-break space
        (f"{ID[:6]}\r\n{ID[6:14]}\n{ID[14:]}", [ID], "350102********1053"),  # line breaks inside it
    ],
    ids=[
        "plain",
        "spaced",
        "hyphenated",
        "other-hyphens",
        "full-width",
        "15-digit",
        "lower-x",
        "full-width-x",
        "licence-no-of-an-id-shape",
        "mistyped-check",
        "times-sign-x",
        "tab-and-no-break-space",
        "line-breaks",
    ],
)
def test_an_identity_number_is_found_and_masked_in_its_written_forms(con, text, ids, masked):
    assert found(con, text) == (ids, masked)


@pytest.mark.parametrize(
    "text",
    [
        "账号62" + ID,  # a 20-digit bank account holding an ID-like run: a longer digit run is not an ID
        "账号" + ID + "77",
        "15位中的" + OLD_ID + "0",  # 16 digits: not the 15-digit form either
        "许可证号" + FUTURE_LICENCE_NO,  # no birth date: not yet born
        "旧证350102851312105",  # month 13: not a 15-digit ID
        "电话 0591-87654321，日期 2026-03-05",
        "罚款人民币2000元",
        "",
    ],
    ids=[
        "bank-account",
        "digits-after",
        "16-digits",
        "future-licence-no",
        "bad-15",
        "phone-and-date",
        "amount",
        "empty",
    ],
)
def test_what_is_not_an_identity_number_is_left_as_written(con, text):
    assert found(con, text) == ([], text)


def test_null_has_no_numbers_and_stays_null(con):
    assert found(con, None) == ([], None)


def test_two_numbers_in_one_text_are_both_masked(con):
    assert found(con, f"甲{ID}、乙{VALID_X}") == ([ID, VALID_X], "甲350102********1053、乙110105********002X")
    # joined by a space, and each spaced itself: one run of digit groups, read left to right
    spaced = f"{ID[:6]} {ID[6:14]} {ID[14:]} {VALID_X[:6]} {VALID_X[6:14]} {VALID_X[14:]}"
    assert found(con, spaced) == ([ID, VALID_X], "350102********1053 110105********002X")
    assert found(con, f"{ID} {OLD_ID}") == ([ID, OLD_ID], "350102********1053 350102*****2105")


def test_everything_but_the_number_is_kept_as_written(con):
    text = f"（ＡＢＣ）第１２号：{ID}\n下一行"
    assert found(con, text)[1] == "（ＡＢＣ）第１２号：350102********1053\n下一行"


def test_a_masked_text_holds_no_number_and_masking_again_changes_nothing(con):
    texts = [
        f"{ID} {VALID_X}",
        f"{ID[:6]} {ID[6:14]} {ID[14:]} 19850312105",  # the kept last four next to a 11-digit run
        f"900 {ID}",
        f"*{ID}*",  # stars around a whole number do not hide it
    ]
    for text in texts:
        (ids, masked) = found(con, text)
        assert ids, text
        assert found(con, masked) == ([], masked), text


def random_texts(count: int, seed: int = 20261207) -> list[str]:
    """Texts of digits in either width, separators, X in its written forms, stars and other characters, a third
    of them with a real ID number, an old 15-digit one or a licence number of an ID's shape planted in them, split
    into groups at random: the search finds something in many, and the cheap test must let each of those through."""
    import random

    rng = random.Random(seed)
    separators = [" ", "\u3000", "\u00a0", "\t", "\r", "\n", "-", "‐", "‑", "–", "—", "－"]
    digits = "0123456789"

    def written(number: str) -> str:
        out = []
        for ch in number:
            out.append(ch.translate(FULL_WIDTH) if rng.random() < 0.2 else ch)
            if rng.random() < 0.15:
                out.append("".join(rng.choices(separators, k=rng.randint(1, 3))))
        return "".join(out)

    def planted() -> str:
        year = rng.randint(1900, 2025)
        birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 31):02d}"
        first17 = f"{rng.randint(110000, 659999)}{birth}{rng.randint(0, 999):03d}"
        kind = rng.random()
        if kind < 0.5:
            return with_check(first17)
        if kind < 0.75:
            return first17[:6] + birth[2:] + first17[-3:]  # the old 15-digit form
        return first17 + rng.choice("0123456789Xx×")  # a mistyped check character

    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.35:
                pieces.append(written("".join(rng.choices(digits, k=rng.randint(1, 22)))))
            elif kind < 0.5:
                pieces.append("".join(rng.choices(separators + ["*", "X", "ｘ", "×"], k=rng.randint(1, 3))))
            elif kind < 0.7:
                pieces.append(rng.choice(["号", "证件", "（", "）", "许可", "罚款", "：", "A", "MA", "|"]))
            elif kind < 0.8:
                pieces.append(written(planted()))
            else:
                pieces.append(rng.choice(["*" * 8, "＊" * 5, "2026-10-08", "913501023970668244"]))
        texts.append("".join(pieces))
    return texts


def test_the_cheap_test_lets_through_every_text_the_search_finds_a_number_in(con):
    """staging.may_hold_id spares the search 14 texts in 15; it must never spare one that holds a number."""
    texts = random_texts(40_000)
    searched, missed, spared = con.execute(
        """
        select count(*) filter (where len(staging.ids_searched(t)) > 0),
               count(*) filter (where len(staging.ids_searched(t)) > 0 and not staging.may_hold_id(t)),
               count(*) filter (where not staging.may_hold_id(t))
        from (select unnest(?::varchar[]) as t)
        """,
        [texts],
    ).fetchone()
    assert searched > 5_000  # the texts exercise the search
    assert missed == 0
    assert spared > 10_000  # and the test does spare work


def test_an_all_digit_registration_code_with_no_date_in_it_is_not_searched(con):
    # 91350102 3970668244: no 8 digits followed by a month and a day anywhere in it
    assert not con.execute("select staging.may_hold_id('913501023970668244')").fetchone()[0]
    assert con.execute("select staging.may_hold_id(?)", [LICENCE_NO]).fetchone()[0]
