"""The facts of a report period as sentences a clerk can keep or edit (工作推进情况, 下年度工作计划要点): what was
published, listed and screened, and the units that missed their targets. Every figure is read from the report's
own indicator table (kpi_by_unit), so the text says what the tables say."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from creditwh.assessment.kpi import BUREAU, KPIS_FILE, ReportPeriod

MISSED = "未达标"
# a period the warehouse holds nothing for is not a period in which nothing happened
NO_FACTS = "数据仓库中没有本期的数据（尚未报送或尚未装载），请核实后填写。"


@dataclass(frozen=True)
class Topic:
    heading: str
    sentences: list[str]


def indicators() -> dict[str, dict]:
    """policy/kpis.csv by metric id: the indicator's Chinese name, kind (rate, count, mean), target and direction."""
    return {row["id"]: row for row in pl.read_csv(KPIS_FILE, infer_schema=False).iter_rows(named=True)}


class Figures:
    """The period's indicators, looked up by metric id."""

    def __init__(self, kpis: pl.DataFrame):
        self.kpis = kpis
        self.indicators = indicators()  # read at each report: staff may change a target between two
        self.by_name = {row["name_zh"]: row for row in self.indicators.values()}

    def bureau(self, metric: str) -> dict | None:
        """The row of every unit together, or None when the period has no facts for the indicator."""
        name = self.indicators[metric]["name_zh"]
        rows = self.kpis.filter((pl.col("单位") == BUREAU) & (pl.col("指标") == name)).to_dicts()
        return rows[0] if rows else None

    def caveat(self, metric: str) -> str:
        """The bracketed caveat of an indicator's numerator in policy/kpis.csv, e.g. that a reward is applicable but
        its use not recorded: one wording for the indicator table and the report's sentences."""
        text = self.indicators[metric]["numerator_zh"]
        return text[text.index("（") :] if "（" in text and text.endswith("）") else ""

    def count(self, metric: str) -> str:
        """A count indicator's value: none counted in the period is 0."""
        row = self.bureau(metric)
        return number(row["值"] if row else 0)

    def measured(self, bureau: bool) -> bool:
        """Whether the period has an indicator with a target, for every unit together or for the units."""
        unit = pl.col("单位") == BUREAU
        return self.kpis.filter(pl.col("目标").is_not_null() & (unit if bureau else ~unit)).height > 0

    def missed(self) -> list[tuple[str, list[dict]]]:
        """(indicator name, the rows that miss its target) in the order of policy/kpis.csv, the bureau first."""
        out = []
        for metric in self.indicators.values():
            rows = self.kpis.filter((pl.col("指标") == metric["name_zh"]) & (pl.col("是否达标") == MISSED))
            if rows.height:
                ordered = rows.sort(pl.col("单位") != BUREAU, maintain_order=True)
                out.append((metric["name_zh"], ordered.to_dicts()))
        return out

    def value(self, row: dict) -> str:
        """An indicator's value as a sentence states it: 95.42%, 2.24 个工作日, 7."""
        kind = self.by_name[row["指标"]]["kind"]
        if kind == "rate":
            return f"{row['值']:.2%}"
        if kind == "mean":
            return f"{row['值']:.2f} 个工作日"
        return number(row["值"])

    def target(self, name: str) -> str:
        """目标不低于 95%, 目标不超过 15 个工作日, 目标为 0."""
        metric = self.by_name[name]
        target = float(metric["target"])
        shown = {"rate": f"{target * 100:g}%", "mean": f"{target:g} 个工作日"}.get(metric["kind"], f"{target:g}")
        if metric["direction"] == "at_most":
            return "目标为 0" if target == 0 else f"目标不超过 {shown}"
        return f"目标 {shown}" if metric["kind"] == "rate" and target == 1 else f"目标不低于 {shown}"

    def judged(self, row: dict) -> str:
        """The value, its target and whether it is met: 95.42%（目标不低于 95%，达标）."""
        if row["目标"] is None:
            return self.value(row)
        return f"{self.value(row)}（{self.target(row['指标'])}，{row['是否达标']}）"


def number(value: float | int) -> str:
    return f"{value:,.0f}"


def progress(kpis: pl.DataFrame, period: ReportPeriod) -> list[Topic]:
    """工作推进情况: the period's facts, topic by topic."""
    figures = Figures(kpis)
    topics = [
        ("（一）双公示信息报送", _published),
        ("（二）红黑名单与异议处理", _listed),
        ("（三）信用核查与联合奖惩", _screened),
        ("（四）考核指标完成情况", lambda figures, _: _targets(figures)),
    ]
    if not kpis.height:
        return [Topic(heading, [NO_FACTS]) for heading, _ in topics]
    return [Topic(heading, facts(figures, span(period))) for heading, facts in topics]


def span(period: ReportPeriod) -> str:
    return "全年" if period.kind == "year" else "上半年"


def _published(figures: Figures, span: str) -> list[str]:
    out = []
    timely = figures.bureau("timeliness")
    if timely:
        out.append(
            f"{span}公示期限届满的行政许可、行政处罚（双公示）记录 {number(timely['分母'])} 条，其中 "
            f"{number(timely['分子'])} 条在决定后 7 个工作日内报送，上报及时率 {figures.judged(timely)}。"
        )
    else:
        out.append(f"{span}无公示期限届满的双公示记录。")
    accepted = figures.bureau("acceptance")
    if accepted:
        out.append(
            f"{span}各单位报送信用数据 {number(accepted['分母'])} 条，通过校验入库 {number(accepted['分子'])} 条，"
            f"入库率 {figures.judged(accepted)}。"
        )
    quality = [
        f"{row['指标']} {figures.judged(row)}"
        for row in (figures.bureau(m) for m in ("accuracy", "completeness", "code_error"))
        if row
    ]
    if quality:
        out.append(f"数据质量：{'；'.join(quality)}。")
    return out


def _listed(figures: Figures, span: str) -> list[str]:
    out = [
        f"{span}列入红黑名单 {figures.count('list_entries')} 条，移出 {figures.count('list_exits')} 条，"
        f"其中因信用修复移出 {figures.count('list_repairs')} 条。"
    ]
    objections = f"{span}受理信用信息异议 {figures.count('objections')} 件"
    closed, days = figures.bureau("objection_changed_share"), figures.bureau("objection_days")
    if closed and days:
        out.append(
            f"{objections}；办结 {number(closed['分母'])} 件，平均办结 {figures.judged(days)}，其中更正或撤销 "
            f"{number(closed['分子'])} 件，占 {figures.value(closed)}。"
        )
    else:
        out.append(f"{objections}，期内无办结。")
    return out


def _screened(figures: Figures, span: str) -> list[str]:
    out = []
    checked = figures.bureau("credit_check_share")
    if checked:
        out.append(
            f"{span}政府采购中标（成交）{number(checked['分母'])} 笔，其中有信用查询记录的 {number(checked['分子'])} 笔，"
            f"采购信用查询记录率 {figures.judged(checked)}。"
        )
    else:
        out.append(f"{span}无政府采购中标（成交）记录。")
    out.append(
        f"因信用原因不予办理或撤销的业务（联合惩戒案例）{figures.count('punishment_cases')} 件；授予红名单或信用等级A"
        f"主体的业务 {figures.count('reward_cases')} 件{figures.caveat('reward_cases')}。"
    )
    # REFERENCE §5: business granted although restricted is an alert to verify and handle, never a punishment
    out.append(
        f"授予受限主体的业务（应限未限，待核实处置）{figures.count('restricted_granted')} 件，其中政府采购 "
        f"{figures.count('restricted_awards')} 笔。"
    )
    return out


def _targets(figures: Figures) -> list[str]:
    missed = figures.missed()
    bureau = [(name, rows[0]) for name, rows in missed if rows[0]["单位"] == BUREAU]
    if bureau:
        listed = "、".join(f"{name} {figures.value(row)}（{figures.target(name)}）" for name, row in bureau)
        out = [f"全部单位合计未达目标的指标：{listed}。"]
    elif figures.measured(bureau=True):
        out = ["全部单位合计的各项考核指标均达到目标。"]
    else:
        out = ["全部单位合计本期没有有目标值的指标数据。"]
    by_unit = [(name, [r for r in rows if r["单位"] != BUREAU]) for name, rows in missed]
    by_unit = [(name, rows) for name, rows in by_unit if rows]
    if by_unit:
        out += [f"{name}未达目标（{figures.target(name)}）的单位：{_units(figures, rows)}。" for name, rows in by_unit]
    elif figures.measured(bureau=False):
        out.append("各单位的考核指标均达到目标。")
    else:
        out.append("各单位本期没有有目标值的指标数据。")
    return out


def _units(figures: Figures, rows: list[dict]) -> str:
    return "、".join(f"{row['单位']} {figures.value(row)}" for row in rows)


def plan_points(kpis: pl.DataFrame) -> list[str]:
    """下年度工作计划（要点）, prefilled: one point per indicator that missed its target this year, with the units."""
    figures = Figures(kpis)
    points = []
    for name, rows in figures.missed():
        bureau = [f"全部单位合计 {figures.value(r)}" for r in rows if r["单位"] == BUREAU]
        units = [r for r in rows if r["单位"] != BUREAU]
        who = "；".join(bureau + ([_units(figures, units)] if units else []))
        points.append(f"{name}：本年度{who}未达目标（{figures.target(name)}），列为下年度重点改进事项。")
    if points:
        return points
    return ["本年度各项考核指标均达到目标。"] if figures.measured(bureau=True) else [NO_FACTS]
