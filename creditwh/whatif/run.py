"""One what-if, end to end: derive under the alternative policy, compare, write the report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import duckdb

from creditwh.platform import config
from creditwh.platform.policy import POLICY_FILE, load_policy
from creditwh.platform.sql import execute
from creditwh.whatif.derive import derive, whatif_file
from creditwh.whatif.diff import Diff, compare
from creditwh.whatif.report import WhatifReport, build_report

_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


def whatif_name(policy: Path, name: str | None) -> str:
    """The what-if's name (its file data/whatif/<name>.duckdb and its report folder): given, or the policy file's."""
    chosen = name or Path(policy).stem
    if not _NAME.match(chosen):
        raise ValueError(f"推演名称只能含字母、数字、_ 和 - / a what-if name is letters, digits, _ and -: {chosen!r}")
    return chosen


def report_folder(name: str, data_dir: Path | None = None) -> Path:
    """Beside the assessment reports: data/reports/whatif/<name>/."""
    return (data_dir or config.data_dir()) / "reports" / "whatif" / name


def run_whatif(
    policy: Path,
    steps: Iterable[str],
    name: str | None = None,
    from_day: date | None = None,
    to_day: date | None = None,
    data_dir: Path | None = None,
    source: Path | None = None,
) -> tuple[Diff, WhatifReport]:
    """Derive the marts under `policy` in data/whatif/<name>.duckdb (from the analysts' snapshot, or `source`),
    compare them with the live ones over [from_day, to_day], and write the report. `steps` are the SQL models in
    the asset graph's order (pipelines passes them)."""
    policy = Path(policy).resolve()
    if not policy.exists():
        raise FileNotFoundError(f"没有这个规则文件 / no policy file {policy}")
    load_policy(policy)  # merged over the policy in force: an unknown key is refused before anything is copied
    name = whatif_name(policy, name)
    target = whatif_file(name, data_dir)
    derive(target, policy, steps, _kpi_as_of, source)
    with duckdb.connect(str(target), read_only=True) as con:
        built_on = _kpi_as_of(con)
    diff = compare(target, name, POLICY_FILE, policy, from_day, to_day or built_on)
    return diff, build_report(diff, config.today(), report_folder(name, data_dir))


def _kpi_as_of(con) -> date:
    """The KPIs are derived as of the day the live ones were: a later day would count what no rule changed."""
    return execute(con, "whatif/kpi_as_of").fetchone()[0] or config.today()
