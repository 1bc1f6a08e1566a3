"""Check characters of Chinese identifiers: USCC (GB 32100), organisation code (GB 11714), ID (GB 11643).

This is the reference implementation; the bulk path is the DuckDB macros in sql/validation/macros.sql, and the
tests hold the two to the same answers. python-stdnum is only a test oracle: `stdnum.cn.uscc` rejects
codes whose first 8 characters are not all digits, yet letter-led registering authorities (A, N, Y) exist.
"""

from __future__ import annotations

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
