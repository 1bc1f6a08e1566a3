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

from creditwh.platform.policy import load_policy
from creditwh.platform.policy_overlay import is_named_list
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
    two policies for the record. Both are the policies the builders ran under: the what-if file's changes merged
    over the policy in force (creditwh/platform/policy_overlay.py), not the file as written. The version label is no
    rule."""
    live_policy, alternative_policy = load_policy(live), load_policy(alternative)
    before, after = _flatten(live_policy), _flatten(alternative_policy)
    rows = [
        {"规则项": key, "现行": _show(before.get(key)), "备选": _show(after.get(key))}
        for key in sorted(before.keys() | after.keys())
        if key != "version" and before.get(key) != after.get(key)
    ]
    frame = pl.DataFrame(rows, schema={"规则项": pl.String, "现行": pl.String, "备选": pl.String})
    # Both merged policies dumped the same way: a what-if file of two lines and policy.yaml would otherwise differ
    # on every line. A dump drops both files' comments alike (the table above names each change by its path).
    text = "".join(
        difflib.unified_diff(
            _dump(live_policy).splitlines(keepends=True),
            _dump(alternative_policy).splitlines(keepends=True),
            fromfile=f"现行 {live.name}",
            tofile=f"备选 {alternative.name}（合并后 / merged over {live.name}）",
        )
    )
    return frame, text


class _PolicyDumper(yaml.SafeDumper):
    """Sections in block style, a list of plain values on one line (`categories: [吊销许可证件, …]`), as policy.yaml
    writes them: a changed value shows under its section's keys."""


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    plain = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=plain)


_PolicyDumper.add_representer(list, _represent_list)


def _dump(policy: dict) -> str:
    return yaml.dump(
        policy, Dumper=_PolicyDumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=120
    )


def _flatten(value, prefix: str = "") -> dict[str, object]:
    """policy.yaml as dotted paths; a list of named items (publicity_regimes) by name, as a what-if file matches
    them, other lists whole."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if is_named_list(value):
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
