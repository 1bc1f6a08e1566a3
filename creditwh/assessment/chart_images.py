"""The report's charts as PNG images, for the Word document: drawn by matplotlib from the same series as the HTML's
Plotly charts (charts.series), with a CJK font so that Chinese labels do not turn into boxes."""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path

import matplotlib
import polars as pl
from matplotlib import font_manager
from matplotlib.figure import Figure

from creditwh.assessment.charts import Chart, series

log = logging.getLogger(__name__)

# Debian's fonts-noto-cjk (scripts/ensure_chromium.sh installs it); the other names are the usual Chinese fonts of
# Windows, macOS and other Linux distributions. matplotlib takes each glyph from the first family that has it.
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
CJK_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
]
NO_DATA = "本期无数据 / none in this period"
# 16:8 cm at 150 dpi: sharp when printed at the width of an A4 page
SIZE_INCHES, DPI = (8.0, 4.0), 150


@cache
def font_families() -> list[str]:
    """The families charts are drawn with: the CJK ones installed, then matplotlib's default for Latin text."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    if "Noto Sans CJK SC" not in known:
        # matplotlib's font list is cached on first use: a font installed after that is found only by adding it
        for path in sorted(NOTO_CJK.glob("NotoSansCJK-*.ttc")):
            font_manager.fontManager.addfont(path)
        known = {f.name for f in font_manager.fontManager.ttflist}
    found = [family for family in CJK_FAMILIES if family in known]
    if not found:
        log.warning("未找到中文字体，图表中的中文将无法显示 / no CJK font found: install fonts-noto-cjk")
    return [*found, "DejaVu Sans"]


def _style():
    # "−" (U+2212) for a minus sign is missing from some CJK fonts
    return matplotlib.rc_context({"font.family": font_families(), "axes.unicode_minus": False})


def figure(chart: Chart, frame: pl.DataFrame) -> Figure:
    """The chart as a matplotlib figure (no pyplot: no global figure state between reports)."""
    with _style():
        fig = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(chart.title)
        drawn = series(frame, chart.x, chart.y, chart.series, chart.title, by_x=chart.kind == "lines")
        if not frame.height:
            ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", transform=ax.transAxes, color="#666666")
            ax.set_xticks([])
            ax.set_yticks([])
            return fig
        # one category axis for every series, in order of first appearance (sorted for a line): matplotlib would
        # otherwise order a category by the first series that has it
        categories = list(dict.fromkeys(x for _, xs, _ in drawn for x in xs))
        if chart.kind == "lines":
            categories.sort()
        place = {x: i for i, x in enumerate(categories)}
        width = 0.8 / len(drawn)
        for i, (name, xs, ys) in enumerate(drawn):
            where = [place[x] for x in xs]
            if chart.kind == "lines":
                ax.plot(where, ys, marker="o", label=name)
            else:
                offset = (i - (len(drawn) - 1) / 2) * width
                ax.bar([p + offset for p in where], ys, width=width, label=name)
        ax.set_xticks(range(len(categories)), [str(c) for c in categories])
        if max(len(str(c)) for c in categories) > 8:  # unit names: slanted so that they do not overlap
            ax.tick_params(axis="x", labelrotation=30)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
        ax.grid(axis="y", color="#dddddd")
        ax.set_axisbelow(True)
        if len(drawn) > 1:  # as Plotly: a legend only when there is more than one series
            ax.legend(fontsize="small")
        return fig


def png(chart: Chart, frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with _style():
        figure(chart, frame).savefig(buffer, format="png")
    return buffer.getvalue()
