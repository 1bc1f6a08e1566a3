"""Check characters of Chinese identifiers: USCC (GB 32100), organisation code (GB 11714), ID (GB 11643).

This is the reference implementation; the bulk path is the DuckDB macros in sql/validation/macros.sql, and the
tests hold the two to the same answers. python-stdnum is only a test oracle: `stdnum.cn.uscc` rejects
codes whose first 8 characters are not all digits, yet letter-led registering authorities (A, N, Y) exist.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # I, O, S, V, Z are never used
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, ...
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=False))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str | None) -> bool:
    if not code or len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    if not code[2:8].isdigit():  # positions 3-8 are the administrative area code
        return False
    return uscc_check_char(code[:17]) == code[17]


def org_code_check_char(first8: str) -> str:
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    check = 11 - sum(value(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=False)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def is_valid_org_code(code: str | None) -> bool:
    """The 9-character organisation code (e.g. positions 9-17 of a USCC)."""
    if not code or len(code) != 9 or not code[:8].isalnum() or not code[:8].isascii():
        return False
    return org_code_check_char(code[:8].upper()) == code[8]


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=False)) % 11]


def id_birth_date(code: str) -> date | None:
    try:
        return date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return None


def is_valid_id(code: str | None, as_of: date | None = None) -> bool:
    """Check character, plus a real birth date that is not after `as_of` (today by default)."""
    if not code or len(code) != 18 or not code[:17].isdigit() or code[17] not in "0123456789X":
        return False
    birth = id_birth_date(code)
    if birth is None or birth > (as_of or date.today()):
        return False
    return id_check_char(code[:17]) == code[17]


def mask_id(code: str | None) -> str | None:
    """Publication mask: first 6 and last 4 kept, the 8 in between starred."""
    if not code:
        return code
    return code[:6] + "*" * 8 + code[-4:] if len(code) == 18 else "*" * len(code)


# ── a code typed or pasted by staff ──────────────────────────────────────────────────────────────────────────
# Pasted from a spreadsheet or a chat, a code carries tabs, full-width characters (ＡＢ１２), no-break or
# zero-width spaces. Unicode's compatibility form (NFKC) folds the full-width forms; the rest are dropped.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}  # spaces, line and paragraph breaks, controls, format (zero-width)


def normalise_code(raw: str) -> str:
    """The code as it was meant: NFKC, without invisible characters, upper case."""
    folded = unicodedata.normalize("NFKC", raw)
    return "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE).upper()


# Excel's number form of an 18-digit code (staging.is_excel_number): shown as 9.13501E+17, or written out with its
# last three digits 000, as a number cell keeps 15 significant digits.
EXCEL_NUMBER = re.compile(r"[0-9](\.[0-9]+)?E\+?[0-9]{1,2}|[0-9]{15}000")
EXCEL_NUMBER_MESSAGE = (
    "代码被 Excel 转为数字，请将该列设为文本后重新导出 / "
    "Excel turned the code into a number: format the column as text and export again"
)


def is_excel_number(code: str) -> bool:
    """A normalised code in Excel's number form (a real code that passes its check may end in 000 too)."""
    return EXCEL_NUMBER.fullmatch(code) is not None


def id_from_15(code: str) -> str | None:
    """An old 15-digit ID number in its 18-digit form (GB 11643-1999: century 19, then the check character)."""
    if len(code) != 15 or not code.isdigit():
        return None
    first17 = code[:6] + "19" + code[6:]
    return first17 + id_check_char(first17)


@dataclass(frozen=True)
class CodeReading:
    """What a normalised code can be: a USCC, an ID number, both (1 ID number in 31 passes the USCC check
    too), or neither, with the reason in Chinese and English."""

    code: str
    uscc: bool
    person_id: bool
    problem: str | None


def read_code(raw: str, as_of: date) -> CodeReading:
    code = normalise_code(raw)
    if len(code) == 15 and code.isdigit():
        upgraded = id_from_15(code)
        assert upgraded is not None
        if is_valid_id(upgraded, as_of):
            return CodeReading(upgraded, False, True, None)
        return CodeReading(
            code, False, False, "15位身份证号出生日期无效 / the 15-digit ID number has no valid birth date"
        )
    uscc, person_id = is_valid_uscc(code), is_valid_id(code, as_of)
    if uscc or person_id:
        return CodeReading(code, uscc, person_id, None)
    return CodeReading(code, False, False, _why_invalid(code, as_of))


def _why_invalid(code: str, as_of: date) -> str:
    if not code:
        return "代码为空 / the code is empty"
    if is_excel_number(code):
        return EXCEL_NUMBER_MESSAGE
    if len(code) != 18:
        return (
            f"代码长度为{len(code)}位，统一社会信用代码与身份证号均为18位 / the code has {len(code)} characters: "
            "a USCC and an ID number have 18"
        )
    if code[:17].isdigit() and code[17] in "0123456789X":
        birth = id_birth_date(code)
        if birth is None or birth > as_of:
            id_reason = "出生日期无效 / no valid birth date"
        else:
            id_reason = (
                f"校验位应为{id_check_char(code[:17])} / its check character should be {id_check_char(code[:17])}"
            )
    else:
        id_reason = "含非数字字符 / it holds characters other than digits"
    if any(c not in USCC_ALPHABET for c in code) or not code[2:8].isdigit():
        uscc_reason = "含统一社会信用代码不使用的字符 / it holds characters a USCC never uses"
    else:
        expected = uscc_check_char(code[:17])
        uscc_reason = f"校验位应为{expected} / its check character should be {expected}"
    return (
        f"既不是有效的统一社会信用代码（{uscc_reason}），也不是有效的身份证号（{id_reason}） / "
        "the code is neither a valid USCC nor a valid ID number"
    )
