"""The dashboard: one self-contained HTML page built from the dashboard feeds (data/feeds/) on every run."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import polars as pl

from creditwh import charts
from creditwh.outputs import atomic_write

TEMPLATES = Path(__file__).parent / "templates"
BUSINESS_NAMES = {"procurement": "政府采购", "subsidy": "财政补助", "policy_support": "政策扶持", "ppp": "PPP"}
REPORT_NAMES = {"half_year": "半年工作进展报告", "year": "年度工作总结"}


def _feed(feeds_dir: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(feeds_dir / f"{name}.parquet")


def deadline_lines(deadlines: pl.DataFrame) -> list[dict]:
    lines = []
    for d in deadlines.iter_rows(named=True):
        name = f"{d['period']} {REPORT_NAMES[d['report']]}（截止 {d['due_date']}）"
        if d["working_days_left"] is None:
            text = f"{name}：已过截止日期 / the due date has passed"
        elif d["working_days_left"] == 0:
            text = f"{name}：今日截止 / due today"
        else:
            text = f"{name}：剩余 {d['working_days_left']} 个工作日 / {d['working_days_left']} working days left"
        lines.append({"period": d["period"], "text": text})
    return lines


def kpi_cards(kpis: pl.DataFrame) -> list[dict]:
    cards = []
    for k in kpis.filter(pl.col("period_kind") == "year").iter_rows(named=True):
        def fmt(v, kind=k["kind"]):
            if v is None:
                return "—"
            return f"{v:.1%}" if kind == "rate" else (f"{v:.1f}" if kind == "mean" else f"{v:,.0f}")
        parts = f"{k['numerator']:,.0f} / {k['denominator']:,.0f}" if k["denominator"] is not None else ""
        cards.append({**k, "shown": fmt(k["value"]), "target_shown": fmt(k["target"]), "parts": parts})
    return cards


def build_charts(feeds_dir: Path) -> list[str]:
    classes = _feed(feeds_dir, "class_distribution_daily")
    lists = _feed(feeds_dir, "list_counts_daily").with_columns(
        pl.col("list").replace_strict({"black": "黑名单", "red": "红名单"}))
    timeliness = (
        _feed(feeds_dir, "publication_timeliness_monthly")
        .group_by("source_unit").agg(pl.col("on_time").sum(), pl.col("records_due").sum())
        .with_columns((pl.col("on_time") / pl.col("records_due")).round(4).alias("rate")).sort("rate")
    )
    screening = (
        _feed(feeds_dir, "screening_monthly").group_by("month", "business")
        .agg(pl.col("cases").sum(), pl.col("cases_restricted").sum()).sort("month")
        .unpivot(index=["month", "business"], on=["cases", "cases_restricted"], variable_name="measure")
        .with_columns((pl.col("business").replace(BUSINESS_NAMES) + " " + pl.col("measure").replace_strict(
            {"cases": "筛查数", "cases_restricted": "受限数"})).alias("series"))
    )
    cases = _feed(feeds_dir, "open_cases_daily").with_columns(
        pl.col("case_kind").replace_strict({"objection": "异议在办", "repair": "修复在办"}))
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
        as_of=manifest["as_of"], contract_version=manifest["contract_version"],
        deadlines=deadline_lines(_feed(feeds_dir, "report_deadlines")),
        kpis=kpi_cards(_feed(feeds_dir, "kpi_current")),
        charts=[_markup(c) for c in build_charts(feeds_dir)],
        css=_markup((TEMPLATES / "base.css").read_text(encoding="utf-8")), plotly_js=_markup(charts.plotly_js()),
    )
    return atomic_write(out_file, lambda p: p.write_text(page, encoding="utf-8"))


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)
