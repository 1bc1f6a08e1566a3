"""The assessment report as a Word document staff can edit: its sections in the order the work plan asks for them,
real tables with a header row and the missed targets marked, the charts as images drawing the HTML's series, and the
narrative sections prefilled with the warehouse's own figures."""

import re
import warnings
from datetime import date

import docx
import polars as pl
import pytest

from creditwh.assessment import chart_images, report_docx
from creditwh.assessment.kpi import BUREAU, report_period
from creditwh.assessment.report import REPORT_CHARTS, build_report, report_frames
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import clean, penalty, serious_penalty, uscc
from tests.support.scenario import Scenario

AS_OF = date(2026, 12, 6)
GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")
LATE_UNIT = "鼓楼区市场监督管理局"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """A year in which one unit reports on time and another late, a subject is black-listed, and one award of two
    has no recorded credit check and goes to the black-listed supplier."""
    scenario = Scenario(tmp_path_factory.mktemp("report"))
    for no in ("甲", "乙"):  # on time: two days after the decision
        scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no=no, decision_date="2026-05-06", **GENERAL))
    late = dict(source_unit=LATE_UNIT, decision_date="2026-05-06", **GENERAL)
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="丙", **late))
    scenario.deliver("2026-06-01", "penalties", penalty(decision_doc_no="丁", **late))  # past the 7 working days
    scenario.deliver("2026-05-06", "penalties", serious_penalty(decision_doc_no="戊"))
    award = dict(bid_deadline="2026-09-25", award_date="2026-09-30", consortium_usccs="")
    scenario.deliver("2026-10-08", "procurement", clean("procurement", project_code="P-1", **award))
    other = dict(supplier_uscc=uscc("91", "350102", "MA2YQ8K1"), supplier_name="福州市鼓楼区第三有限公司")
    scenario.deliver(
        "2026-10-08", "procurement", clean("procurement", project_code="P-2", credit_checked_on="", **other, **award)
    )
    scenario.run()
    return scenario.workdir


@pytest.fixture(scope="module")
def reports(warehouse):
    """The annual and the half-year report written, and the frames they were written from."""
    out = {}
    with connect(warehouse / "warehouse.duckdb", read_only=True) as con:
        for key in ("2026", "2026H1"):
            period = report_period(key)
            written = build_report(con, period, AS_OF, warehouse / "reports")
            out[key] = (docx.Document(str(written.docx)), report_frames(con, period, AS_OF), written)
    return out


def outline(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if re.match(r"Title|Heading", p.style.name)]


def section(document, heading: str) -> list:
    """The paragraphs after a Heading 1 up to the next one."""
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
        elif inside:
            out.append(p)
    return out


def bureau(frames, indicator: str) -> dict:
    kpis = frames["kpi_by_unit"]
    return kpis.filter((pl.col("单位") == BUREAU) & (pl.col("指标") == indicator)).to_dicts()[0]


def missed_units(frames) -> dict[str, set[str]]:
    missed = frames["kpi_by_unit"].filter((pl.col("是否达标") == "未达标") & (pl.col("单位") != BUREAU))
    return {i: set(part["单位"]) for (i,), part in missed.group_by(["指标"])}


def is_filled(cell) -> bool:
    return cell._tc.find(f"{W}tcPr/{W}shd") is not None


ANNEX = [
    ("Heading 1", "附：考核指标与数据"),
    ("Heading 2", "（一）考核指标（全部单位）"),
    ("Heading 2", "（二）分单位考核指标"),
    ("Heading 2", "（三）分单位工作量"),
    ("Heading 2", "（四）指标月度趋势"),
    ("Heading 2", "（五）红黑名单变动"),
    ("Heading 2", "（六）双公示上报及时性"),
    ("Heading 2", "（七）联合奖惩典型案例"),
    ("Heading 2", "（八）数据质量"),
    ("Heading 2", "（九）事前信用承诺"),
    ("Heading 2", "（十）修复未见信用承诺"),
]
TOPICS = [
    ("Heading 2", "（一）双公示信息报送"),
    ("Heading 2", "（二）红黑名单与异议处理"),
    ("Heading 2", "（三）信用核查与联合奖惩"),
    ("Heading 2", "（四）考核指标完成情况"),
]


def test_the_annual_report_has_the_years_progress_then_next_years_plan_then_the_tables(reports):
    document, _, _ = reports["2026"]
    assert outline(document) == [
        ("Title", "2026年度社会信用体系建设工作总结"),
        ("Heading 1", "一、全年工作推进情况"),
        *TOPICS,
        ("Heading 1", "二、下年度工作计划（要点）"),
        *ANNEX,
    ]


def test_the_half_year_report_has_the_progress_and_no_plan(reports):
    # the seed asks by 10 July for 工作推进情况 only; next year's plan is due with the annual report
    document, _, _ = reports["2026H1"]
    assert outline(document) == [
        ("Title", "2026年上半年社会信用体系建设工作进展报告"),
        ("Heading 1", "一、上半年工作推进情况"),
        *TOPICS,
        *ANNEX,
    ]


def test_the_docx_is_written_beside_the_html_and_the_workbook(reports):
    _, _, written = reports["2026"]
    assert written.docx.parent == written.html.parent == written.xlsx.parent
    assert written.docx.name == "考核报告_2026.docx"


def test_the_unit_table_has_a_header_row_one_row_per_unit_and_marks_each_missed_target(reports):
    document, frames, _ = reports["2026"]
    kpis = frames["kpi_by_unit"]
    missed = missed_units(frames)
    assert missed.get("上报及时率") == {LATE_UNIT}  # the scenario's late unit: the test is not vacuous
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "单位" and "上报及时率" in _header(t))
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
    units = [row.cells[0].text for row in table.rows[1:]]
    assert units == kpis["单位"].unique(maintain_order=True).to_list()
    columns = _header(table)
    for row in table.rows[1:]:
        unit = row.cells[0].text
        for indicator, cell in zip(columns[1:], row.cells[1:], strict=True):
            is_missed = unit in missed.get(indicator, set()) or (
                unit == BUREAU and bureau(frames, indicator)["是否达标"] == "未达标"
            )
            assert (cell.text.endswith("✗"), is_filled(cell)) == (is_missed, is_missed), (unit, indicator, cell.text)


def test_the_timeliness_table_fills_the_rows_of_units_below_target(reports):
    document, frames, _ = reports["2026"]
    expected = frames["timeliness_by_unit"]
    table = next(t for t in document.tables if _header(t) == expected.columns)
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert [r.cells[0].text for r in table.rows[1:]] == expected["单位"].to_list()
    filled = {r.cells[0].text for r in table.rows[1:] if all(is_filled(c) for c in r.cells)}
    assert filled == {LATE_UNIT}


def test_the_three_charts_are_embedded_as_png_images(reports):
    document, _, _ = reports["2026"]
    shapes = document.inline_shapes
    assert len(shapes) == len(REPORT_CHARTS) == 3
    for shape in shapes:
        part = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
        assert part.content_type == "image/png"
        assert part.blob.startswith(b"\x89PNG\r\n\x1a\n") and len(part.blob) > 10_000


def test_the_images_draw_the_same_series_as_the_html_charts(reports):
    _, frames, _ = reports["2026"]
    assert all(frames[c.frame].height for c in REPORT_CHARTS)  # every chart has something to draw
    for chart in REPORT_CHARTS:
        plotly = [(t.name, list(t.x), [float(y) for y in t.y]) for t in chart.figure(frames[chart.frame]).data]
        assert _drawn(chart_images.figure(chart, frames[chart.frame])) == plotly, chart.name


def test_chinese_labels_are_drawn_with_a_cjk_font(reports):
    _, frames, _ = reports["2026"]
    assert chart_images.font_families()[0] != "DejaVu Sans", "no CJK font: install fonts-noto-cjk"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart_images.png(REPORT_CHARTS[2], frames["timeliness_by_unit"])  # unit names on the axis
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_the_years_progress_is_prefilled_with_the_warehouses_figures(reports):
    document, frames, _ = reports["2026"]
    text = "\n".join(p.text for p in section(document, "一、全年工作推进情况"))
    timely = bureau(frames, "上报及时率")
    assert (timely["分子"], timely["分母"]) == (4, 5)  # the scenario: one penalty of five past its deadline
    assert f"记录 {timely['分母']:,.0f} 条，其中 {timely['分子']:,.0f} 条在决定后 7 个工作日内报送" in text
    assert f"上报及时率 {timely['值']:.2%}" in text
    assert f"列入红黑名单 {bureau(frames, '名单列入数')['值']:,.0f} 条" in text
    checked = bureau(frames, "采购信用查询记录率")
    assert f"中标（成交）{checked['分母']:,.0f} 笔，其中有信用查询记录的 {checked['分子']:,.0f} 笔" in text
    assert f"（应限未限，待核实处置）{bureau(frames, '应限未限业务数')['值']:,.0f} 件" in text
    # a reward counted is applicable, not given: the caveat is the indicator's own, from policy/kpis.csv
    rewarded = bureau(frames, "授予守信主体业务数")["值"]
    assert f"主体的业务 {rewarded:,.0f} 件（激励措施可适用；是否实际给予，报送数据未记录）。" in text
    # each indicator's sentence names exactly the units that missed it
    named = {
        m.group(1): {u.rsplit(" ", 1)[0] for u in m.group(2).split("、")}
        for m in re.finditer(r"^(\S+?)未达目标（[^）]*）的单位：(.+)。$", text, re.M)
    }
    assert named == missed_units(frames)


def test_next_years_plan_is_prefilled_with_the_indicators_and_units_that_missed(reports):
    document, frames, _ = reports["2026"]
    points = [p.text for p in section(document, "二、下年度工作计划（要点）") if p.style.name == "Normal"]
    missed = missed_units(frames)
    assert missed
    for indicator, units in missed.items():
        point = next(p for p in points if re.match(rf"\d+．{indicator}：", p))
        assert all(unit in point for unit in units), point


def test_each_narrative_section_leaves_marked_space_for_the_clerk(reports):
    for key, headings in (
        ("2026", ["一、全年工作推进情况", "二、下年度工作计划（要点）"]),
        ("2026H1", ["一、上半年工作推进情况"]),
    ):
        document, _, _ = reports[key]
        for heading in headings:
            fill_in = [p for p in section(document, heading) if p.style.name == report_docx.FILL_IN]
            assert len(fill_in) == 1 and fill_in[0].text.startswith("（请在此填写"), (key, heading)
    style = reports["2026"][0].styles[report_docx.FILL_IN]
    assert style.font.highlight_color is not None and style.font.italic


def test_a_failed_write_leaves_the_previous_docx_whole(warehouse, reports, monkeypatch):
    _, _, written = reports["2026"]
    before = written.docx.read_bytes()

    def broken_save(self, path):
        with open(path, "wb") as f:
            f.write(b"PK half a file")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with connect(warehouse / "warehouse.duckdb", read_only=True) as con, pytest.raises(OSError):
        build_report(con, report_period("2026"), AS_OF, warehouse / "reports")
    assert written.docx.read_bytes() == before
    assert [p.name for p in written.docx.parent.iterdir() if p.name.endswith(".tmp")] == []


def _header(table) -> list[str]:
    return [c.text for c in table.rows[0].cells]


def _drawn(fig) -> list[tuple[str, list, list]]:
    """(label, x labels, y values) of each line or bar group matplotlib drew."""
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    if ax.containers:
        return [
            (c.get_label(), [labels[round(b.get_x() + b.get_width() / 2)] for b in c], [b.get_height() for b in c])
            for c in ax.containers
        ]
    return [(line.get_label(), [labels[int(x)] for x in line.get_xdata()], list(line.get_ydata())) for line in ax.lines]


def test_a_period_the_warehouse_holds_nothing_for_is_never_reported_as_all_targets_met(reports):
    from creditwh.assessment import report_facts

    _, frames, _ = reports["2026"]
    nothing = frames["kpi_by_unit"].clear()
    sentences = [s for topic in report_facts.progress(nothing, report_period("2026")) for s in topic.sentences]
    sentences += report_facts.plan_points(nothing)
    assert sentences and set(sentences) == {report_facts.NO_FACTS}


def test_the_typical_cases_name_the_award_to_the_black_listed_supplier_once_with_its_measure_and_evidence(reports):
    # P-1 went to the supplier black-listed for 戊: an 应限未限 case to verify, never called a punishment applied;
    # P-2's supplier had no record, so it makes no case
    cases = reports["2026"][1]["typical_cases"].to_dicts()
    assert [(c["类型"], c["项目/申请编号"], c["措施"], c["依据记录"]) for c in cases] == [
        ("应限未限（待核实处置）", "P-1", "限制参加政府采购活动", "戊")
    ]
    assert cases[0]["证据来源"].startswith("penalties/2026-05-06/")


def test_the_reward_sentence_takes_its_caveat_from_the_indicator_in_the_policy_file(monkeypatch):
    from creditwh.assessment import report_facts

    real = report_facts.indicators()
    changed = {
        **real,
        "reward_cases": {**real["reward_cases"], "numerator_zh": "期内授予守信主体的业务数（测试用说明）"},
    }
    monkeypatch.setattr(report_facts, "indicators", lambda: changed)
    figures = report_facts.Figures(pl.DataFrame(schema={"单位": pl.Utf8, "指标": pl.Utf8, "值": pl.Float64}))
    [sentence] = [s for s in report_facts._screened(figures, "全年") if "授予红名单" in s]
    assert sentence.endswith("主体的业务 0 件（测试用说明）。")
