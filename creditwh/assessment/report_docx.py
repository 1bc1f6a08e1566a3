"""The assessment report as a Word document staff can edit: the sections the work plan asks of the report,
prefilled with the period's facts and with marked space for the narrative, then the HTML report's tables and charts
(as images), all from the same frames."""

from __future__ import annotations

import io
from datetime import date

import polars as pl
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell

from creditwh.assessment import chart_images, report_facts
from creditwh.assessment.kpi import ReportPeriod, deadline_text
from creditwh.assessment.report import REPORT_CHARTS, bureau_kpis, cell_text, unit_matrix
from creditwh.platform.policy import load_policy

# The bureau's work plan (seed, 五（二）): "每年7月10日前报送社会信用体系建设工作推进情况，12月20日前报送全年工作推进情况和
# 下年度工作计划（要点）": the half-year report is the progress, the annual one the progress and next year's plan.
PROGRESS = {"half_year": "一、上半年工作推进情况", "year": "一、全年工作推进情况"}
PLAN = "二、下年度工作计划（要点）"
ANNEX = "附：考核指标与数据"
FILL_IN = "待填写"  # the style of the paragraphs a clerk replaces with the narrative
FILL_IN_TEXT = {
    "progress": "（请在此填写{span}工作推进情况：主要做法、取得成效、存在问题和原因。以上数据段落由系统按数据仓库预填，"
    "可保留、修改或删除；提交前删除本段提示。）",
    "plan": "（请在此填写下年度工作计划要点：工作目标、重点任务、责任单位和完成时限。提交前删除本段提示。）",
}
TABLE_TEXT = "表格文字"
MISSED_MARK = "✗"  # unit_matrix's mark beside a value that misses its target
MISSED_FILL, HEADER_FILL, MISSED_COLOUR = "F4CCCC", "D9D9D9", RGBColor(0xC0, 0x00, 0x00)
FILL_IN_SHADE = "FFF2CC"
NO_DATA = "本期无数据 / none in this period"
TABLE_POINTS = 9
TEXT_COLUMN = int(Pt(TABLE_POINTS * 0.55))  # the width of a Latin character in a table (bold: a little more)
CELL_PADDING = 4  # text columns taken by a cell's margins
NUMERALS = "一二三四五六七八九十"
# 宋体 for text and 黑体 for headings: the fonts every Chinese Windows has, as official documents use them
BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"


def word_document(
    period: ReportPeriod, frames: dict[str, pl.DataFrame], as_of: date, days_left: int | None
) -> WordDocument:
    doc = Document()
    _page(doc.sections[0], landscape=False)
    _styles(doc)
    properties = doc.core_properties
    properties.title, properties.subject, properties.author = period.title, "考核报告", "鼓楼区财政局"
    properties.last_modified_by, properties.comments = "鼓楼区财政局", f"数据截至 {as_of}"

    doc.add_heading(period.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = (
        f"鼓楼区财政局 · 统计期间 {period.start} 至 {period.end} · 数据截至 {as_of} · "
        f"规则版本 {load_policy()['version']}\n报送截止：{period.due}（{deadline_text(days_left)}）"
    )
    _centred(doc.add_paragraph(meta))

    kpis = frames["kpi_by_unit"]
    doc.add_heading(PROGRESS[period.kind], level=1)
    for topic in report_facts.progress(kpis, period):
        doc.add_heading(topic.heading, level=2)
        for sentence in topic.sentences:
            doc.add_paragraph(sentence)
    doc.add_paragraph(FILL_IN_TEXT["progress"].format(span=report_facts.span(period)), style=FILL_IN)
    if period.kind == "year":
        doc.add_heading(PLAN, level=1)
        for i, point in enumerate(report_facts.plan_points(kpis), start=1):
            doc.add_paragraph(f"{i}．{point}")
        doc.add_paragraph(FILL_IN_TEXT["plan"], style=FILL_IN)

    # the tables are wide: the annex is a landscape section of its own
    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    doc.add_heading(ANNEX, level=1)
    parts = _annex_parts(frames)
    for i, (heading, note, chart, table) in enumerate(parts):
        doc.add_heading(f"（{NUMERALS[i]}）{heading}", level=2)
        if note:
            doc.add_paragraph(note)
        if chart:
            doc.add_picture(io.BytesIO(chart_images.png(chart, frames[chart.frame])), width=Cm(18))
            _centred(doc.paragraphs[-1])
        if table is not None:
            _table(doc, table)
    return doc


def _annex_parts(frames: dict[str, pl.DataFrame]) -> list:
    """(heading, note, chart, table) in the HTML report's order."""
    charts = {c.name: c for c in REPORT_CHARTS}
    kpis = frames["kpi_by_unit"]
    matrix = unit_matrix(kpis)
    targeted = set(kpis.filter(pl.col("目标").is_not_null())["指标"].to_list())
    with_target = [c for c in matrix.columns[1:] if c in targeted]
    without_target = [c for c in matrix.columns[1:] if c not in targeted]
    return [
        (
            "考核指标（全部单位）",
            "每项列明分子与分母口径（policy/kpis.csv），未达目标的标红。",
            None,
            bureau_kpis(kpis),
        ),
        (
            "分单位考核指标",
            f"有目标值的指标，{MISSED_MARK} 为未达目标（标红）；分子分母见 Excel “考核指标” 表。",
            None,
            matrix.select("单位", *with_target),
        ),
        ("分单位工作量", "无目标值的计数指标。", None, matrix.select("单位", *without_target)),
        ("指标月度趋势", None, charts["trend"], None),
        ("红黑名单变动", None, charts["lists"], frames["list_movements"]),
        ("双公示上报及时性", None, charts["timeliness"], frames["timeliness_by_unit"]),
        ("联合奖惩典型案例", "每个案例附依据记录及其来源文件和行号，可据此核对。", None, frames["typical_cases"]),
        ("数据质量", None, None, frames["quality_summary"]),
        (
            "事前信用承诺",
            "各受理单位的承诺受理数、按期核查率与失信率（policy/kpis.csv）。",
            None,
            frames["commitments"],
        ),
        (
            "修复未见信用承诺",
            "本期批准但决定日前未见公开信用修复型承诺的信用修复（REFERENCE §4），已生效，待复核。",
            None,
            frames["repairs_without_commitment"],
        ),
    ]


def _table(doc: WordDocument, frame: pl.DataFrame, miss_column: str = "是否达标") -> None:
    """A Word table with a header row repeated on each page; a row or value that misses its target is filled red."""
    table = doc.add_table(rows=1, cols=max(1, len(frame.columns)), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _row_properties(header, "w:tblHeader")
    for cell, name in zip(header.cells, frame.columns, strict=False):
        _write(cell, name, fill=HEADER_FILL, bold=True)
    if not frame.height:
        cells = table.add_row().cells
        _write(cells[0].merge(cells[-1]), NO_DATA)
        return
    numeric = [frame.schema[c].is_numeric() for c in frame.columns]
    texts = [[cell_text(v) for v in values] for values in frame.iter_rows()]
    misses = [values.get(miss_column) == report_facts.MISSED for values in frame.iter_rows(named=True)]
    for row_texts, row_missed in zip(texts, misses, strict=True):
        row = table.add_row()
        _row_properties(row, "w:cantSplit")
        for cell, text, is_number in zip(row.cells, row_texts, numeric, strict=True):
            missed = row_missed or text.endswith(MISSED_MARK)
            _write(cell, text, fill=MISSED_FILL if missed else None, missed=missed, right=is_number)
    section = doc.sections[-1]
    _widths(table, [frame.columns, *texts], section.page_width - section.left_margin - section.right_margin)


def _row_properties(row, name: str) -> None:
    """One row property: w:tblHeader (repeat the row on each page) or w:cantSplit (keep the row on one page)."""
    row._tr.get_or_add_trPr().append(OxmlElement(name))


def _widths(table, texts: list[list[str]], available: int) -> None:
    """Each column as wide as its longest text where the page allows, the widest ones cut back first to a common
    width (python-docx makes all columns equal: a date column as wide as the evidence)."""
    header, rows = texts[0], texts[1:]
    # a header may take two lines; a value should take one
    needs = [
        max([-(-_display_width(name) // 2), *(_display_width(row[i]) for row in rows)]) + CELL_PADDING
        for i, name in enumerate(header)
    ]
    capacity = available // TEXT_COLUMN
    cap = max(needs)
    while sum(min(need, cap) for need in needs) > capacity and cap > CELL_PADDING * 2:
        cap -= 1
    shares = [min(need, cap) for need in needs]
    for column, share in zip(table.columns, shares, strict=True):
        width = int(available * share / sum(shares))
        column.width = width
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = width


def _display_width(text: str) -> int:
    """Columns a text takes: a Chinese character (or a symbol such as ✗) two, a Latin one."""
    return sum(2 if ord(c) >= 0x2000 else 1 for c in text)


def _write(
    cell: _Cell, text: str, fill: str | None = None, bold: bool = False, missed: bool = False, right: bool = False
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_TEXT
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold or missed
    if missed:
        run.font.color.rgb = MISSED_COLOUR
    if fill:
        cell._tc.get_or_add_tcPr().append(_shading(fill))


def _shading(fill: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    return shading


def _centred(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)


def _page(section, landscape: bool) -> None:
    """A4 (python-docx's own template is US Letter)."""
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Cm(2.0 if landscape else 2.54)
    section.left_margin = section.right_margin = Cm(2.0 if landscape else 2.8)


def _styles(doc: WordDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT, Pt(12))
    normal.paragraph_format.first_line_indent = Pt(24)  # two characters, as Chinese text is set
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    for name, font, size in (("Title", HEADING_FONT, Pt(20)), ("Heading 1", HEADING_FONT, Pt(16))):
        _fonts(styles[name], font, size, black=True)
    _fonts(styles["Heading 2"], BODY_FONT, Pt(14), black=True)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].paragraph_format.first_line_indent = Pt(0)
    # the template's title has a blue rule under it: not the look of an official document
    for rule in styles["Title"].element.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}"):
        rule.getparent().remove(rule)
    # the clerk's part: italic on yellow, so a paragraph left unfilled is seen at a glance
    fill_in = styles.add_style(FILL_IN, 1)  # 1: a paragraph style
    fill_in.style_id = "FillIn"  # an ASCII id, as Word gives its own styles
    fill_in.base_style = normal
    fill_in.font.italic = True
    fill_in.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    fill_in.font.highlight_color = WD_COLOR_INDEX.YELLOW
    # and a shaded paragraph, which Word's style dialog shows (it has no highlight setting for a style)
    fill_in.element.get_or_add_pPr().append(_shading(FILL_IN_SHADE))
    fill_in.paragraph_format.space_before = Pt(6)  # after the shading: w:spacing follows w:shd in a w:pPr
    table_text = styles.add_style(TABLE_TEXT, 1)
    table_text.style_id = "TableText"
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_POINTS)
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0


def _fonts(style, east_asian: str, size: Pt, black: bool = False) -> None:
    """Set a style's Chinese and Latin fonts: the template's theme fonts would win over a plain name."""
    style.font.size = size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    if black:
        style.font.color.rgb = RGBColor(0, 0, 0)
