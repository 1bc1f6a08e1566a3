"""What an alternative policy would change, read from a what-if file (creditwh/whatif/derive.py): the rules
changed, subjects whose class or list standing changes, list entries, screening verdicts, measures and KPIs."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import yaml

from creditwh.platform.sql import execute

# the report's sections, each a frame from sql/whatif/<file>.sql
FRAMES = {
    "standing": "whatif/standing_changes",
    "lists": "whatif/list_changes",
    "records": "whatif/record_changes",
    "screenings": "whatif/screening_flips",
    "measures": "whatif/measure_changes",
    "kpis": "whatif/kpi_deltas",
}


@dataclass
class Diff:
    name: str
    from_day: date
    to_day: date
    live_policy: Path
    policy: Path
    rules: pl.DataFrame  # 规则项, 现行, 备选
    policy_text_diff: str
    frames: dict[str, pl.DataFrame]
    counts: dict[str, int]

    @property
    def empty(self) -> bool:
        """No rule, standing, list, verdict, measure or KPI differs."""
        lists_equal = all(self.counts[f"{k}_before"] == self.counts[f"{k}_after"] for k in ("black", "red", "granted"))
        return lists_equal and all(frame.is_empty() for frame in self.frames.values())

    def summary_line(self) -> str:
        """采用此规则：黑名单 +12，红名单 −3，应限未限采购 +2 …"""
        c = self.counts
        parts = [
            f"黑名单 {_signed(c['black_after'] - c['black_before'])}",
            f"红名单 {_signed(c['red_after'] - c['red_before'])}",
            f"应限未限采购 {_signed(c['granted_after'] - c['granted_before'])}",
            f"等级或名单状态变化主体 {self.frames['standing']['subject_key'].n_unique()} 个",
            f"筛查结论改变 {self.frames['screenings'].height} 笔",
            f"考核指标变化 {self.frames['kpis'].height} 项",
        ]
        return "采用此规则：" + "，".join(parts)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "±0")


def compare(whatif_path: Path, name: str, live_policy: Path, policy: Path, from_day: date | None, to_day: date) -> Diff:
    """The diff over [from_day, to_day] (from_day absent: the first day of the live standing history)."""
    with duckdb.connect(str(whatif_path), read_only=True) as con:
        if from_day is None:
            first = execute(con, "whatif/first_day").fetchone()[0]
            from_day = first or to_day
        window = {"from_day": from_day, "to_day": to_day}
        execute(con, "whatif/subject_label")
        frames = {}
        for key in ("records", "standing", "lists", "screenings", "measures", "kpis"):  # records first: a temp table
            frames[key] = execute(con, FRAMES[key], window).pl()
        cursor = execute(con, "whatif/summary_counts", window)
        names = [d[0] for d in cursor.description]
        counts = {k: int(v or 0) for k, v in zip(names, cursor.fetchone(), strict=True)}
    rules, text = rules_changed(live_policy, policy)
    return Diff(name, from_day, to_day, live_policy, policy, rules, text, frames, counts)


def rules_changed(live: Path, alternative: Path) -> tuple[pl.DataFrame, str]:
    """Each policy item whose value differs (dotted path, live value, alternative value), and a line diff of the
    two files for the record. The version label is no rule."""
    before, after = _flatten(_read(live)), _flatten(_read(alternative))
    rows = [
        {"规则项": key, "现行": _show(before.get(key)), "备选": _show(after.get(key))}
        for key in sorted(before.keys() | after.keys())
        if key != "version" and before.get(key) != after.get(key)
    ]
    frame = pl.DataFrame(rows, schema={"规则项": pl.String, "现行": pl.String, "备选": pl.String})
    text = "".join(
        difflib.unified_diff(
            live.read_text(encoding="utf-8").splitlines(keepends=True),
            alternative.read_text(encoding="utf-8").splitlines(keepends=True),
            fromfile=f"现行 {live.name}",
            tofile=f"备选 {alternative.name}",
        )
    )
    return frame, text


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _flatten(value, prefix: str = "") -> dict[str, object]:
    """policy.yaml as dotted paths; a list of named items (publicity_regimes) by name, other lists whole."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(i, dict) and "name" in i for i in value):
        out = {}
        for item in value:
            out.update(_flatten({k: v for k, v in item.items() if k != "name"}, f"{prefix}[{item['name']}]"))
        return out
    return {prefix: value}


def _show(value) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return str(value)
