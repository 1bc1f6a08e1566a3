"""Sample run orchestration: day by day, source by source, file by file, writing the defect manifest and a summary.
Only one day's records are in memory; what crosses days (counters, accepted penalties, re-deliveries) is small.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from creditwh.sample.defects import MANIFEST_COLUMNS, corrections, file_row, inject, manifest_rows
from creditwh.sample.formats import FilePlan, column_kinds, plan_files, render, with_date_styles
from creditwh.sample.records import BUILDERS, Counters, Day
from creditwh.sample.registry import GENERATED, SOURCES
from creditwh.sample.subjects import build_pool
from creditwh.sample.workdays import WorkCalendar
from creditwh.sample.writers import write_csv, write_xlsx

DEFAULT_START = date(2026, 10, 8)
# Records per source on a working day at scale 1.0; rest days (weekends, holidays) see a fifth of that.
BASE_VOLUME = {
    "licenses": 60,
    "penalties": 40,
    "procurement": 10,
    "upstream_lists": 5,
    "repairs": 2,
    "objections": 2,
    "applications": 3,
    "commitments": 4,
}
REST_DAY_FACTOR = 0.2
# Chance per day that an office sends one of its recent files again. Each group draws from its own stream and its
# own recent files, so a source added later does not move the re-deliveries of the earlier ones.
REDELIVERY = (  # (sources, share, stream)
    (tuple(s for s in GENERATED if s not in ("applications", "commitments")), 0.15, 98),
    (("applications",), 0.05, 97),
    (("commitments",), 0.05, 96),
)
HISTORY_CAP = 200_000  # accepted penalties kept for repairs and objections to refer to
BAD_ENCODING_MIN_DAYS = 10
HISTORY_COLUMNS = ("decision_doc_no", "_subject", "decision_date", "_severity", "_unit")


def _calendar(start: date, days: int) -> WorkCalendar:
    # 90 days back for late decisions; 30 days on for deadlines of the last days.
    return WorkCalendar(start - timedelta(days=120), start + timedelta(days=days + 30))


def _day_factor(cal: WorkCalendar, day: date) -> float:
    return 1.0 if cal.is_work[cal.index(day)] else REST_DAY_FACTOR


def scale_for_rows(rows: int, days: int, start: date = DEFAULT_START) -> float:
    """The scale at which a run of `days` days from `start` yields about `rows` data rows over all sources."""
    cal = _calendar(start, days)
    per_scale = sum(BASE_VOLUME.values()) * sum(_day_factor(cal, start + timedelta(d)) for d in range(days))
    return rows / per_scale


def day_scale_for_rows(rows: int, day: int, scale: float, days: int, start: date = DEFAULT_START) -> float:
    """The `day_scale` multiplier at which day index `day` of a run at `scale` yields about `rows` data rows."""
    cal = _calendar(start, days)
    return rows / (sum(BASE_VOLUME.values()) * scale * _day_factor(cal, start + timedelta(day)))


def _clear(out: Path) -> None:
    """Remove what an earlier run wrote here (only the folders this generator owns)."""
    for name in dict.fromkeys((*SOURCES, *GENERATED, "_manifest")):
        if (out / name).is_dir():
            shutil.rmtree(out / name)


class _Run:
    def __init__(
        self,
        out: Path,
        days: int,
        scale: float,
        seed: int,
        start: date,
        defect_rate: float,
        day_scale: dict[int, float] | None = None,
    ):
        self.out, self.days, self.scale, self.seed, self.start, self.rate = out, days, scale, seed, start, defect_rate
        self.day_scale = day_scale or {}
        self.cal = _calendar(start, days)
        self.pool = build_pool(np.random.default_rng([seed, 0]), scale)
        self.counters = Counters()
        self.history: pl.DataFrame | None = None
        self.pending: dict[tuple[int, str], list[pl.DataFrame]] = defaultdict(list)
        self.files: list[dict] = []
        self.rows: Counter = Counter()
        self.defects: Counter = Counter()
        self.written: list[tuple[FilePlan, int]] = []  # (plan, day) of files eligible for re-delivery
        self.bad_encoding_day = days // 2 if days >= BAD_ENCODING_MIN_DAYS else None
        self.bad_encoding_done = False
        (out / "_manifest").mkdir(parents=True, exist_ok=True)
        self.manifest = open(out / "_manifest" / "defects.csv", "wb")
        self.manifest.write((",".join(MANIFEST_COLUMNS) + "\n").encode())

    def rng(self, *stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, *stream])

    def run(self) -> dict:
        try:
            for day in range(self.days):
                self.run_day(day)
        finally:
            self.manifest.close()
        return self.summary()

    def run_day(self, day: int) -> None:
        reported = self.start + timedelta(days=day)
        factor = _day_factor(self.cal, reported) * self.day_scale.get(day, 1.0)
        for s, source in enumerate(GENERATED):  # s: the source's random stream
            rng = self.rng(day + 1, s, 0)
            n = int(rng.poisson(BASE_VOLUME[source] * self.scale * factor))
            d = Day(day, reported, rng, self.pool, self.cal, self.counters, self.history)
            parts = [BUILDERS[source](d, n)] if n else []
            parts += self.pending.pop((day, source), [])
            parts = [p for p in parts if p.height]
            if parts:
                self.deliver(day, s, source, reported, pl.concat(parts, how="diagonal_relaxed"))
        for sources, share, stream in REDELIVERY:
            self.redeliver_file(day, reported, sources, share, stream)

    def deliver(self, day: int, s: int, source: str, reported: date, frame: pl.DataFrame) -> None:
        wants_bad = (
            self.bad_encoding_day is not None
            and not self.bad_encoding_done
            and day >= self.bad_encoding_day
            and source in ("licenses", "penalties")
        )
        plans = plan_files(source, day, reported, frame["_unit"], self.rng(day + 1, s, 1), bad_encoding=wants_bad)
        for k, (plan, rows) in enumerate(plans):
            rng = self.rng(day + 1, s, 2 + k)
            part = inject(with_date_styles(frame[rows], plan, rng), plan, rng, self.rate)
            path = self.out / plan.rel_path
            path.parent.mkdir(parents=True, exist_ok=True)
            table = render(part, plan)
            if plan.fmt == "xlsx":
                write_xlsx(table, path, plan, column_kinds(plan))
            else:
                write_csv(table, path, plan, part["_ragged"].to_numpy())
            if plan.bad_encoding:  # the whole file is rejected: one manifest row for it, none for its rows
                entry = file_row(plan, "bad_encoding", "bytes invalid in both UTF-8 and GB18030")
                self.record(plan, part.height, entry)
                self.bad_encoding_done = True
                continue
            self.record(plan, part.height, manifest_rows(part, plan))
            self.written.append((plan, day))
            if source == "penalties":
                self.remember_penalties(day, part)
            for target, fixed in corrections(part, plan, rng, self.cal, self.days - 1, self.start):
                self.pending[(target, source)].append(fixed)

    def record(
        self, plan: FilePlan, rows: int, entries: pl.DataFrame, duplicate_of: str | None = None, rel: str | None = None
    ) -> None:
        """Manifest rows of a written file, and its line in the summary."""
        entries.write_csv(self.manifest, include_header=False)
        self.defects.update(entries["defect"].to_list())
        if not duplicate_of:
            self.rows[plan.source] += rows
        reported = date.fromisoformat(rel.split("/")[1]) if rel else plan.reported
        self.files.append(
            {
                "file": rel or plan.rel_path,
                "source": plan.source,
                "reporting_date": reported.isoformat(),
                "unit": plan.unit_name,
                "rows": rows,
                "format": plan.fmt,
                "encoding": plan.encoding if plan.fmt == "csv" else None,
                "line_terminator": {"\n": "LF", "\r\n": "CRLF"}[plan.line_terminator] if plan.fmt == "csv" else None,
                "header_style": plan.header_style,
                "date_style": plan.date_style,
                "title_rows": plan.title_rows,
                "sheet": plan.sheet if plan.fmt == "xlsx" else None,
                "first_row": plan.first_row,
                "bad_encoding": plan.bad_encoding,
                "duplicate_of": duplicate_of,
            }
        )

    def remember_penalties(self, day: int, part: pl.DataFrame) -> None:
        """Accepted penalties (clean or only late) that later repairs and objections may refer to."""
        accepted = part.filter(pl.col("_defect").is_null() | (pl.col("_defect") == "late_report"))
        new = accepted.select(*HISTORY_COLUMNS).with_columns(_report_day=pl.lit(day))
        self.history = new if self.history is None else pl.concat([self.history, new])
        if self.history.height > HISTORY_CAP:
            keep = np.sort(self.rng(day + 1, 99).choice(self.history.height, HISTORY_CAP, replace=False))
            self.history = self.history[keep]

    def redeliver_file(self, day: int, reported: date, sources: tuple[str, ...], share: float, stream: int) -> None:
        """Now and then an office sends an earlier file again, byte for byte, into a later day's folder."""
        rng = self.rng(day + 1, stream)
        recent = [(p, d) for p, d in self.written if day - 3 <= d < day and p.source in sources]
        if not recent or rng.random() >= share:
            return
        plan, _ = recent[int(rng.integers(0, len(recent)))]
        rel = f"{plan.source}/{reported.isoformat()}/{plan.filename}"
        (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.out / plan.rel_path, self.out / rel)
        rows = next(f["rows"] for f in self.files if f["file"] == plan.rel_path)
        self.record(
            plan,
            rows,
            file_row(plan, "duplicate_delivery", f"identical copy of {plan.rel_path}", rel),
            duplicate_of=plan.rel_path,
            rel=rel,
        )

    def summary(self) -> dict:
        summary = {
            "seed": self.seed,
            "params": {
                "days": self.days,
                "scale": self.scale,
                "start": self.start.isoformat(),
                "defect_rate": self.rate,
            },
            "rows": {s: self.rows[s] for s in GENERATED},
            "total_rows": sum(self.rows.values()),
            "files": self.files,
            "file_count": len(self.files),
            "defects": dict(sorted(self.defects.items())),
            "calendar_fallback": self.cal.fallback_used,
        }
        (self.out / "_manifest" / "summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        return summary


def generate(
    out: Path,
    days: int = 30,
    scale: float = 1.0,
    seed: int = 42,
    start: date = DEFAULT_START,
    defect_rate: float = 0.03,
    day_scale: dict[int, float] | None = None,
) -> dict:
    """Write a landing tree of sample deliveries under `out` and return its summary (also in _manifest/summary.json).

    Same arguments, same bytes. Folders the generator owns (one per source, and _manifest) are replaced.
    `day_scale` multiplies the volume of single days (by day index): the benchmark's small incremental day.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    return _Run(out, days, scale, seed, start, defect_rate, day_scale).run()
