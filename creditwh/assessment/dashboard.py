"""The dashboard: one self-contained HTML page built from the dashboard feeds (data/feeds/) on every run."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import polars as pl
from markupsafe import Markup

from creditwh.assessment import charts
from creditwh.assessment.feeds import contracts
from creditwh.assessment.kpi import deadline_text, report_period
from creditwh.platform.outputs import atomic_write

TEMPLATES = Path(__file__).parent / "templates"
BUSINESS_NAMES = {"procurement": "政府采购", "subsidy": "财政补助", "policy_support": "政策扶持", "ppp": "PPP"}


def _feed(feeds_dir: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(feeds_dir / f"{name}.parquet")


def deadline_lines(deadlines: pl.DataFrame) -> list[dict]:
    return [
        {
            "period": d["period"],
            "text": f"{report_period(d['period']).title}（截止 {d['due_date']}）：{deadline_text(d['working_days_left'])}",
        }
        for d in deadlines.iter_rows(named=True)
    ]


def _shown(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if kind == "rate" else (f"{value:.1f}" if kind == "mean" else f"{value:,.0f}")


def kpi_cards(kpis: pl.DataFrame) -> list[dict]:
    return [
        {
            **k,
            "shown": _shown(k["value"], k["kind"]),
            "target_shown": _shown(k["target"], k["kind"]),
            "parts": f"{k['numerator']:,.0f} / {k['denominator']:,.0f}" if k["denominator"] is not None else "",
        }
        for k in kpis.filter(pl.col("period_kind") == "year").iter_rows(named=True)
    ]


# The screening chart's measures, labelled as the feed contract (quality/feeds.yaml) names them, which says what the
# KPIs of policy/kpis.csv say. An award that stands although its supplier was restricted is an alert, never a
# punishment applied, and a grant to a red-listed subject is not a reward given (REFERENCE §5).
SCREENING_MEASURES = ("cases", "cases_restricted_granted", "cases_punished", "cases_rewarded")


def measure_labels(feed: str, measures: tuple[str, ...]) -> dict[str, str]:
    """The Chinese half of each measure's label in the feed contract."""
    columns = {c.name: c for c in contracts()[1][feed].columns}
    return {m: columns[m].label.split(" / ")[0] for m in measures}


def build_charts(feeds_dir: Path) -> list[str]:
    classes = _feed(feeds_dir, "class_distribution_daily")
    lists = _feed(feeds_dir, "list_counts_daily").with_columns(
        pl.col("list").replace_strict({"black": "黑名单", "red": "红名单"})
    )
    timeliness = (
        _feed(feeds_dir, "publication_timeliness_monthly")
        .group_by("source_unit")
        .agg(pl.col("on_time").sum(), pl.col("records_due").sum())
        .with_columns((pl.col("on_time") / pl.col("records_due")).round(4).alias("rate"))
        .sort("rate", "source_unit")  # units with the same rate keep one order from run to run
    )
    screening = (
        _feed(feeds_dir, "screening_monthly")
        .group_by("month", "business")
        .agg(pl.col(*SCREENING_MEASURES).sum())
        .sort("month", "business")  # group_by keeps no order: sort on the whole key, so a re-run draws the same page
        .unpivot(index=["month", "business"], on=list(SCREENING_MEASURES), variable_name="measure")
        .with_columns(
            (
                pl.col("business").replace(BUSINESS_NAMES)
                + " "
                + pl.col("measure").replace_strict(measure_labels("screening_monthly", SCREENING_MEASURES))
            ).alias("series")
        )
    )
    cases = _feed(feeds_dir, "open_cases_daily").with_columns(
        pl.col("case_kind").replace_strict({"objection": "异议在办", "repair": "修复在办"})
    )
    return [
        charts.div(charts.lines(classes, "day", "subjects", "credit_class", "信用等级分布（主体数）"), "chart-classes"),
        charts.div(charts.lines(lists, "day", "members", "list", "红黑名单在册数"), "chart-lists"),
        charts.div(charts.bars(timeliness, "source_unit", "rate", None, "各单位双公示上报及时率"), "chart-timeliness"),
        charts.div(charts.bars(screening, "month", "value", "series", "联合惩戒筛查（按月）"), "chart-screening"),
        charts.div(charts.lines(cases, "day", "open_cases", "case_kind", "异议与信用修复在办数"), "chart-cases"),
    ]


def build_dashboard(feeds_dir: Path, out_file: Path) -> Path:
    manifest = json.loads((feeds_dir / "_manifest.json").read_text(encoding="utf-8"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    page = env.get_template("dashboard.html.j2").render(
        as_of=manifest["as_of"],
        contract_version=manifest["contract_version"],
        deadlines=deadline_lines(_feed(feeds_dir, "report_deadlines")),
        kpis=kpi_cards(_feed(feeds_dir, "kpi_current")),
        # our own HTML, CSS and plotly.js: marked safe so autoescape leaves them whole
        charts=[Markup(c) for c in build_charts(feeds_dir)],
        css=Markup((TEMPLATES / "base.css").read_text(encoding="utf-8")),
        plotly_js=Markup(charts.plotly_js()),
    )
    return atomic_write(out_file, lambda p: p.write_text(page, encoding="utf-8"))
