"""Charts for the report and the dashboard: Plotly figures, with plotly.js embedded once per page so the HTML
opens on a network with no internet (government networks often have none)."""

from __future__ import annotations

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


def lines(frame: pl.DataFrame, x: str, y: str, series: str, title: str) -> go.Figure:
    fig = go.Figure()
    for (name,), part in frame.sort(x).group_by([series], maintain_order=True):
        fig.add_trace(go.Scatter(x=part[x].to_list(), y=part[y].to_list(), mode="lines+markers", name=str(name)))
    return fig.update_layout(title=title)


def bars(frame: pl.DataFrame, x: str, y: str, series: str | None, title: str) -> go.Figure:
    fig = go.Figure()
    groups = frame.group_by([series], maintain_order=True) if series else [((title,), frame)]
    for (name,), part in groups:
        fig.add_trace(go.Bar(x=part[x].to_list(), y=part[y].to_list(), name=str(name)))
    return fig.update_layout(title=title, barmode="group")
