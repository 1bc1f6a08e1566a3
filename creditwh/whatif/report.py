"""The what-if report (政策推演报告): HTML in Chinese with charts, and an .xlsx with the same tables, drawn with the
assessment report's machinery (its tables, charts and style)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import polars as pl

from creditwh.assessment import charts
from creditwh.assessment.report import TEMPLATES as ASSESSMENT_TEMPLATES
from creditwh.assessment.report import html_table
from creditwh.platform.outputs import atomic_write
from creditwh.platform.policy import load_policy
from creditwh.whatif.diff import Diff

TEMPLATES = Path(__file__).parent / "templates"
# sheet (and section) titles, in the report's order
SECTIONS = {
    "rules": "规则变化",
    "standing": "等级与名单状态变化",
    "lists": "名单条目变化",
    "records": "记录影响变化",
    "screenings": "筛查结论变化",
    "measures": "措施变化",
    "kpis": "考核指标变化",
}


@dataclass
class WhatifReport:
    html: Path
    xlsx: Path
    summary: str


def shown(frame: pl.DataFrame) -> pl.DataFrame:
    """What staff read: the Chinese-named columns (the keys the diff joins on stay in the what-if file)."""
    return frame.select([c for c in frame.columns if not c.isascii()])


def counts_frame(diff: Diff) -> pl.DataFrame:
    c = diff.counts
    labels = {"black": f"黑名单（{diff.to_day}）", "red": f"红名单（{diff.to_day}）", "granted": "应限未限采购"}
    return pl.DataFrame(
        [
            {"项目": label, "规则": side_zh, "数量": c[f"{key}_{side}"]}
            for key, label in labels.items()
            for side, side_zh in (("before", "现行规则"), ("after", "备选规则"))
        ]
    )


def measures_frame(diff: Diff) -> pl.DataFrame:
    measures = diff.frames["measures"]
    if measures.is_empty():
        return pl.DataFrame(schema={"措施": pl.String, "变化": pl.String, "笔数": pl.Int64})
    totals = measures.group_by("措施", maintain_order=True).agg(pl.col("新增适用").sum(), pl.col("不再适用").sum())
    return totals.unpivot(index="措施", variable_name="变化", value_name="笔数").with_columns(
        pl.col("笔数").cast(pl.Int64)
    )


def kpi_frame(diff: Diff) -> pl.DataFrame:
    """The bureau-wide KPI deltas of the window's periods."""
    kpis = diff.frames["kpis"].filter(pl.col("单位") == "全部单位")
    return kpis.select("指标", "期间", "差值")


CHARTS = (
    charts.Chart("counts", "counts", "bars", "项目", "数量", "规则", "现行规则与备选规则：名单人数与应限未限采购"),
    charts.Chart("measures", "measures_chart", "bars", "措施", "笔数", "变化", "措施新增适用与不再适用（按措施）"),
    charts.Chart("kpis", "kpi_chart", "bars", "指标", "差值", "期间", "全部单位考核指标变化（备选 − 现行）"),
)


def render(diff: Diff, as_of: date) -> str:
    frames = {"counts": counts_frame(diff), "measures_chart": measures_frame(diff), "kpi_chart": kpi_frame(diff)}
    chart_divs = {c.name: charts.div(c.figure(frames[c.frame]), f"chart-{c.name}") for c in CHARTS}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    return env.get_template("whatif.html.j2").render(
        diff=diff,
        as_of=as_of,
        live_version=load_policy(diff.live_policy)["version"],
        policy_version=load_policy(diff.policy)["version"],
        summary=html.escape(diff.summary_line()),
        css=(ASSESSMENT_TEMPLATES / "base.css").read_text(encoding="utf-8"),
        plotly_js=charts.plotly_js(),
        charts=chart_divs,
        policy_diff=html.escape(diff.policy_text_diff or "（备选规则与现行规则相同）"),
        tables={key: html_table(shown(_frame(diff, key)), miss_column=None) for key in SECTIONS},
        sizes={key: _frame(diff, key).height for key in SECTIONS},
        subjects=diff.frames["standing"]["subject_key"].n_unique(),
    )


def _frame(diff: Diff, key: str) -> pl.DataFrame:
    return diff.rules if key == "rules" else diff.frames[key]


def build_report(diff: Diff, as_of: date, out_dir: Path) -> WhatifReport:
    """Write <out_dir>/政策推演_<name>.html and .xlsx (each atomically)."""
    page = render(diff, as_of)
    html_path = atomic_write(out_dir / f"政策推演_{diff.name}.html", lambda p: p.write_text(page, encoding="utf-8"))
    xlsx_path = atomic_write(out_dir / f"政策推演_{diff.name}.xlsx", lambda p: _write_workbook(diff, p))
    return WhatifReport(html_path, xlsx_path, diff.summary_line())


def _write_workbook(diff: Diff, path: Path) -> None:
    import xlsxwriter

    summary = pl.DataFrame({"汇总": [diff.summary_line(), f"统计区间 {diff.from_day} 至 {diff.to_day}"]})
    with xlsxwriter.Workbook(path) as workbook:
        summary.write_excel(workbook, worksheet="汇总", autofit=True)
        counts_frame(diff).write_excel(workbook, worksheet="汇总", position="A5", autofit=True)
        for key, sheet in SECTIONS.items():
            shown(_frame(diff, key)).write_excel(
                workbook, worksheet=sheet, autofit=True, dtype_formats={pl.Float64: "General", pl.Float32: "General"}
            )
