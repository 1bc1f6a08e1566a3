"""Identifiers with correct check characters: USCC (GB 32100), organisation code (GB 11714), resident ID (GB 11643).
Codes are (n, width) arrays of ASCII bytes, so check characters are computed over whole columns at once."""

from __future__ import annotations

from datetime import date

import numpy as np

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_WEIGHTS = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)  # 3^(i-1) mod 31
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"
ORG_CHECK = "0123456789X"  # the characters an organisation code check can take

_ALPHA_BYTES = np.frombuffer(USCC_ALPHABET.encode(), dtype=np.uint8)
_ID_CHECK_BYTES = np.frombuffer(ID_CHECK.encode(), dtype=np.uint8)
_DIGITS = np.frombuffer(b"0123456789", dtype=np.uint8)

# Value of an ASCII byte in the USCC alphabet, and in GB 11714 (letters A=10 … Z=35 over the full Latin alphabet).
_USCC_VALUE = np.full(256, -1, dtype=np.int64)
_USCC_VALUE[_ALPHA_BYTES] = np.arange(31)
_ORG_VALUE = np.full(256, -1, dtype=np.int64)
_ORG_VALUE[_DIGITS] = np.arange(10)
_ORG_VALUE[np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", dtype=np.uint8)] = np.arange(10, 36)


def to_str(chars: np.ndarray) -> np.ndarray:
    """(n, k) ASCII bytes -> (n,) array of str."""
    chars = np.ascontiguousarray(chars, dtype=np.uint8)
    return chars.view(f"S{chars.shape[1]}").ravel().astype(f"U{chars.shape[1]}")


def to_bytes(codes, width: int) -> np.ndarray:
    """(n,) strings of exactly `width` ASCII characters -> (n, width) bytes."""
    return np.array(codes, dtype=f"S{width}").view(np.uint8).reshape(-1, width).copy()


def org_check_char(body: np.ndarray) -> np.ndarray:
    """GB 11714 check over positions 1-8 of an organisation code: 11 - sum mod 11, 10 -> X, 11 -> 0."""
    c = 11 - (_ORG_VALUE[body] * ORG_WEIGHTS).sum(axis=1) % 11
    return np.frombuffer(ORG_CHECK.encode(), dtype=np.uint8)[c % 11]


def uscc_check_char(body: np.ndarray) -> np.ndarray:
    """GB 32100 check over the first 17 characters."""
    return _ALPHA_BYTES[(31 - (_USCC_VALUE[body] * USCC_WEIGHTS).sum(axis=1) % 31) % 31]


def id_check_char(body: np.ndarray) -> np.ndarray:
    """GB 11643 check over the first 17 digits."""
    return _ID_CHECK_BYTES[((body.astype(np.int64) - 48) * ID_WEIGHTS).sum(axis=1) % 11]


def random_org_bodies(rng: np.random.Generator, n: int, style: str) -> np.ndarray:
    """8-character organisation code bodies: 'digits' (pre-2015 codes) or a two-letter prefix such as 'MA'."""
    if style == "digits":
        return _DIGITS[rng.integers(0, 10, (n, 8))]
    prefix = np.frombuffer(style.encode(), dtype=np.uint8)
    tail = _ALPHA_BYTES[rng.integers(0, 31, (n, 8 - len(prefix)))]
    return np.hstack([np.broadcast_to(prefix, (n, len(prefix))), tail])


def build_uscc(head: np.ndarray, area: np.ndarray, org_body: np.ndarray) -> np.ndarray:
    """USCC bytes from registering authority + kind (n,2), area code (n,6) and organisation body (n,8)."""
    org = np.hstack([org_body, org_check_char(org_body)[:, None]])
    body = np.hstack([head, area, org])
    return np.hstack([body, uscc_check_char(body)[:, None]])


def build_ids(area: np.ndarray, birth: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """ID bytes from area (n,6) bytes, birth dates (datetime64[D]) and 3-digit sequence numbers."""
    ymd = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
    body = np.hstack([area, to_bytes(ymd, 8), to_bytes(np.char.zfill(seq.astype(str), 3), 3)])
    return np.hstack([body, id_check_char(body)[:, None]])


def single_uscc(head: str, area: str, org_body: str) -> str:
    """One USCC from its parts, for the fixed catalogue of agencies."""
    return str(to_str(build_uscc(to_bytes([head], 2), to_bytes([area], 6), to_bytes([org_body], 8)))[0])


def corrupt_check(codes: np.ndarray, alphabet: str, rng: np.random.Generator) -> np.ndarray:
    """Replace the last character of each code with a different character of `alphabet`."""
    b = to_bytes(codes, len(codes[0]))
    alpha = np.frombuffer(alphabet.encode(), dtype=np.uint8)
    pos = np.searchsorted(np.sort(alpha), b[:, -1])  # index of the current char in the sorted alphabet
    order = np.argsort(alpha)
    cur = order[np.clip(pos, 0, len(alpha) - 1)]
    b[:, -1] = alpha[(cur + rng.integers(1, len(alpha), len(b))) % len(alpha)]
    return to_str(b)


def with_bad_org_check(usccs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """USCCs whose embedded organisation code check is wrong while the USCC check itself is right."""
    b = to_bytes(usccs, 18)
    good = org_check_char(b[:, 8:16])
    alpha = np.frombuffer(ORG_CHECK.encode(), dtype=np.uint8)
    cur = np.searchsorted(alpha, good)  # ORG_CHECK is sorted
    b[:, 16] = alpha[(cur + rng.integers(1, 11, len(b))) % 11]
    b[:, 17] = uscc_check_char(b[:, :17])
    return to_str(b)


def id_with_birth(ids: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """Same area and sequence, another birth date, correct check character."""
    b = to_bytes(ids, 18)
    seq = np.array([int(x) for x in to_str(b[:, 14:17])]) if len(b) else np.array([], dtype=int)
    return to_str(build_ids(b[:, :6], birth, seq))


# Scalar validators: the oracle the tests and callers use to judge single values.


def is_valid_org_code(code: str) -> bool:
    if len(code) != 9 or any(c not in USCC_ALPHABET for c in code[:8]):
        return False
    return bool(org_check_char(to_bytes([code[:8]], 8))[0] == ord(code[8]))


def is_valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    return bool(uscc_check_char(to_bytes([code[:17]], 17))[0] == ord(code[17]))


def is_valid_id(number: str, on: date | None = None) -> bool:
    """Check character right and birth date real (and not after `on`)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if on is not None and born > on:
        return False
    return bool(id_check_char(to_bytes([number[:17]], 17))[0] == ord(number[17]))
