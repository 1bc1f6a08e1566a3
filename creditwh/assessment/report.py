"""The assessment report (考核报告): an HTML document in Chinese with embedded charts, an .xlsx with the same
tables and a Word document staff can edit (report_docx), for the half-year progress report (due 10 July) and the
annual report (due 20 December)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import polars as pl

from creditwh.assessment import charts
from creditwh.assessment.kpi import BUREAU, ReportPeriod, deadline_text, working_days_left
from creditwh.platform.outputs import atomic_write
from creditwh.platform.policy import load_policy
from creditwh.platform.sql import execute

TEMPLATES = Path(__file__).parent / "templates"
TABLES = {
    "kpi_by_unit": "考核指标",
    "timeliness_by_unit": "上报及时率",
    "list_movements": "名单变动",
    "typical_cases": "典型案例",
    "quality_summary": "数据质量",
    "kpi_trend": "月度趋势",
    "commitments": "信用承诺",
    "repairs_without_commitment": "修复未见承诺",
}

# shown as HTML tables; kpi_by_unit is shown as the bureau table and the unit matrix, kpi_trend as a chart
SHOWN_TABLES = (
    "list_movements",
    "timeliness_by_unit",
    "typical_cases",
    "quality_summary",
    "commitments",
    "repairs_without_commitment",
)
REPORT_CHARTS = (
    charts.Chart("trend", "kpi_trend", "lines", "month", "value", "indicator", "全部单位指标月度趋势"),
    charts.Chart("lists", "list_movements", "bars", "month", "entries", "movement", "红黑名单月度变动"),
    charts.Chart("timeliness", "timeliness_by_unit", "bars", "单位", "上报及时率", None, "各单位上报及时率"),
)


@dataclass
class Report:
    html: Path
    xlsx: Path
    docx: Path
    tables: dict[str, int]


def report_frames(con, period: ReportPeriod, as_of: date) -> dict[str, pl.DataFrame]:
    params = {"period": period.key, "start": period.start, "end": period.end, "as_of": as_of}
    return {name: execute(con, f"assessment/reports/{name}", params).pl() for name in TABLES}


def html_table(frame: pl.DataFrame, miss_column: str | None = "是否达标") -> str:
    """A plain HTML table; a row that misses its target is marked."""
    head = "".join(f'<th class="{_align(frame, c)}">{html.escape(c)}</th>' for c in frame.columns)
    rows = []
    for row in frame.iter_rows(named=True):
        missed = miss_column in row and row[miss_column] == "未达标"
        cells = "".join(f'<td class="{_align(frame, c)}">{_cell(v)}</td>' for c, v in row.items())
        rows.append(f'<tr class="{"miss" if missed else ""}">{cells}</tr>')
    if not rows:
        rows.append(f'<tr><td class="text" colspan="{len(frame.columns)}">本期无数据 / none in this period</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _align(frame: pl.DataFrame, column: str) -> str:
    return "" if frame.schema[column].is_numeric() else "text"


def _cell(value) -> str:
    return html.escape(cell_text(value))


def cell_text(value) -> str:
    """A table cell as the report shows it: a count as 1,234, a rate with up to four places, nothing for null."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return str(value)


def render(period: ReportPeriod, frames: dict[str, pl.DataFrame], as_of: date, days_left: int | None) -> str:
    chart_divs = {c.name: charts.div(c.figure(frames[c.frame]), f"chart-{c.name}") for c in REPORT_CHARTS}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    return env.get_template("report.html.j2").render(
        period=period,
        as_of=as_of,
        policy_version=load_policy()["version"],
        deadline_text=deadline_text(days_left),
        css=(TEMPLATES / "base.css").read_text(encoding="utf-8"),
        plotly_js=charts.plotly_js(),
        tables={name: html_table(frames[name]) for name in SHOWN_TABLES},
        charts=chart_divs,
        bureau=html_table(bureau_kpis(frames["kpi_by_unit"])),
        matrix=html_table(unit_matrix(frames["kpi_by_unit"]), miss_column=None),
    )


def bureau_kpis(kpis: pl.DataFrame) -> pl.DataFrame:
    """The indicators of every unit together."""
    return kpis.filter(pl.col("单位") == BUREAU).drop("单位")


def unit_matrix(kpis: pl.DataFrame) -> pl.DataFrame:
    """Units down, indicators across: the values, with a ✗ beside each one that misses its target."""
    value = pl.col("值")
    # a count reads 138, not 138.0; a rate keeps four places
    shown = pl.when(value % 1 == 0).then(value.cast(pl.Int64).cast(pl.String)).otherwise(value.round(4).cast(pl.String))
    marked = kpis.with_columns(pl.when(pl.col("是否达标") == "未达标").then(shown + " ✗").otherwise(shown).alias("值"))
    return marked.pivot(on="指标", index="单位", values="值", aggregate_function="first")


def build_report(con, period: ReportPeriod, as_of: date, out_dir: Path) -> Report:
    """Write <out_dir>/<period>/考核报告_<period>.html, .xlsx and .docx (each atomically), from the same frames."""
    # imported here: the Word document is drawn with this module's tables and charts
    from creditwh.assessment.report_docx import word_document

    frames = report_frames(con, period, as_of)
    days_left = working_days_left(con, as_of, period.due)
    folder = out_dir / period.key
    page = render(period, frames, as_of, days_left)
    html_path = atomic_write(folder / f"考核报告_{period.key}.html", lambda p: p.write_text(page, encoding="utf-8"))
    xlsx_path = atomic_write(folder / f"考核报告_{period.key}.xlsx", lambda p: _write_workbook(frames, p))
    document = word_document(period, frames, as_of, days_left)
    docx_path = atomic_write(folder / f"考核报告_{period.key}.docx", lambda p: document.save(str(p)))
    return Report(html_path, xlsx_path, docx_path, {name: frame.height for name, frame in frames.items()})


def _write_workbook(frames: dict[str, pl.DataFrame], path: Path) -> None:
    import xlsxwriter

    with xlsxwriter.Workbook(path) as workbook:
        for name, sheet in TABLES.items():
            # "General" shows a count as 138 and a rate as 0.9512, where a fixed precision shows 138.000
            frames[name].write_excel(
                workbook, worksheet=sheet, autofit=True, dtype_formats={pl.Float64: "General", pl.Float32: "General"}
            )
