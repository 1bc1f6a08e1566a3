"""Charts for the report and the dashboard: Plotly figures, with plotly.js embedded once per page so the HTML
opens on a network with no internet (government networks often have none)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go
import polars as pl
from plotly.offline import get_plotlyjs

FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


@cache
def plotly_js() -> str:
    return get_plotlyjs()


def div(fig: go.Figure, chart_id: str) -> str:
    fig.update_layout(font_family=FONT, margin=dict(l=40, r=20, t=50, b=40), height=340, template="plotly_white")
    return fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=chart_id, config={"displaylogo": False, "responsive": True}
    )


@dataclass(frozen=True)
class Chart:
    """A chart of a report, drawn from one of its frames: by Plotly in the HTML, by matplotlib in the Word document
    (chart_images), both from series(), so the two show the same lines and bars."""

    name: str  # the page's key for it; its HTML element is chart-<name>
    frame: str
    kind: str  # lines | bars
    x: str
    y: str
    series: str | None  # the column naming each line or bar group; None: one series, named for the title
    title: str

    def figure(self, frame: pl.DataFrame) -> go.Figure:
        draw = lines if self.kind == "lines" else bars
        return draw(frame, self.x, self.y, self.series, self.title)


def series(
    frame: pl.DataFrame, x: str, y: str, name: str | None, title: str, by_x: bool
) -> list[tuple[str, list, list]]:
    """(name, xs, ys) for each line or bar group, in the frame's order (by x first for a line)."""
    if by_x:
        frame = frame.sort(x)
    groups = frame.group_by([name], maintain_order=True) if name else [((title,), frame)]
    return [(str(key), part[x].to_list(), part[y].to_list()) for (key,), part in groups]


def lines(frame: pl.DataFrame, x: str, y: str, series_name: str, title: str) -> go.Figure:
    fig = go.Figure()
    for name, xs, ys in series(frame, x, y, series_name, title, by_x=True):
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=name))
    return fig.update_layout(title=title)


def bars(frame: pl.DataFrame, x: str, y: str, series_name: str | None, title: str) -> go.Figure:
    fig = go.Figure()
    for name, xs, ys in series(frame, x, y, series_name, title, by_x=False):
        fig.add_trace(go.Bar(x=xs, y=ys, name=name))
    return fig.update_layout(title=title, barmode="group")
