"""The credit policy file (policy/policy.yaml): rules a credit office changes without touching code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import yaml

from creditwh.platform.config import REPO_ROOT
from creditwh.platform.policy_overlay import overlay

POLICY_FILE = REPO_ROOT / "policy" / "policy.yaml"


# A what-if (creditwh/whatif) binds an alternative policy file here: the same builders and the same SQL then run
# with its rules as their parameters. Unset, the policy in force (policy/policy.yaml). A file other than
# policy.yaml holds only the rules it changes, merged over policy.yaml (creditwh/platform/policy_overlay.py).
_BOUND: ContextVar[Path | None] = ContextVar("credit_policy_file", default=None)


@contextmanager
def using_policy(path: Path | str) -> Iterator[Path]:
    """Within the block, load_policy() reads `path` instead of policy/policy.yaml (this thread or task only)."""
    resolved = Path(path).resolve()
    load_policy(resolved)  # a broken file fails here, before anything is built under it
    token = _BOUND.set(resolved)
    try:
        yield resolved
    finally:
        _BOUND.reset(token)


def bound_policy_file() -> Path:
    """The policy file load_policy() reads now: the one a what-if bound, else policy/policy.yaml."""
    return _BOUND.get() or POLICY_FILE


def load_policy(path: Path | None = None) -> dict:
    """The policy in force, or the one a what-if file (`path`, or the one bound) gives: its changes over it."""
    return _read(Path(path).resolve() if path is not None else bound_policy_file())


def _read(path: Path) -> dict:
    # cached by the file's modification time and size as well as its path: a what-if file edited and run again in
    # one long-lived process (the Dagster code server, a notebook) is read again, not answered from memory
    stat = path.stat()
    return _load(path, (stat.st_mtime_ns, stat.st_size))


@cache
def _load(path: Path, _stamp: tuple[int, int]) -> dict:
    with open(path, encoding="utf-8") as fh:
        policy = yaml.safe_load(fh)
    if path != POLICY_FILE.resolve():
        policy = overlay(_read(POLICY_FILE.resolve()), policy, str(path))
    if policy.get("double_publicity", {}).get("count_decision_day"):
        raise ValueError("count_decision_day: true is not supported; the deadline counts from the day after")
    return policy


def deadline_working_days() -> int:
    return int(load_policy()["double_publicity"]["deadline_working_days"])


def objection_withholds() -> bool:
    """Whether a 双公示 record under an open objection is withheld (old behaviour) or kept published (default)."""
    return bool(load_policy()["double_publicity"].get("objection_withholds", False))


def full_set_every_days() -> int:
    """How old the last 双公示 full set may grow before a publication writes a new one (1: every day)."""
    days = int(load_policy()["double_publicity"]["full_set_every_days"])
    if days < 1:
        raise ValueError(f"double_publicity.full_set_every_days must be 1 or more, not {days}")
    return days


def feedback_month_closes_after_days() -> int:
    """How many days after a month ends its 触发反馈 main file is written (0: on the first run of the next month)."""
    days = int(load_policy()["screening"].get("feedback_month_closes_after_days", 0))
    if days < 0:
        raise ValueError(f"screening.feedback_month_closes_after_days must be 0 or more, not {days}")
    return days
