"""Fill-in templates (填报模板) for units without a system: one .xlsx per source, made from its field table.

The field tables (creditwh/platform/fields/) say the columns, their national headers, notes and an example value; the
row rules (quality/rules.csv) say which columns are codes, dates, amounts and enumerations. Both are read here, so a
template never disagrees with what the loader maps and the validator accepts.

Each workbook has three sheets:
- the data sheet (named after the source): the header in the national form, one comment per header, codes and every
  other text column formatted as text (Excel cannot turn a USCC into 9.13501E+17 or drop a leading zero), drop-down
  lists for the enumerations, date cells that accept only a date;
- 填写示例: the same header and one filled example row, protected so nobody types data into it;
- 填写说明: how to fill the data sheet, column by column.

Only the data sheet is a delivery: the loader skips the other two by name (NOT_DATA_SHEETS), so the example is never
ingested as a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import xlsxwriter

from creditwh.platform.outputs import atomic_write
from creditwh.platform.sources import SOURCES, Field, Source
from quality.rules import rules_for

EXAMPLE_SHEET = "填写示例"
GUIDE_SHEET = "填写说明"
# the template's own sheets, which the loader does not read as deliveries (creditwh/ingest/load.py)
NOT_DATA_SHEETS = frozenset({EXAMPLE_SHEET, GUIDE_SHEET})
# rows of the data sheet given the column formats, drop-downs and date checks
TEMPLATE_ROWS = 5000
# rule kinds (quality/rules.csv) that make a column a code: text, or Excel mangles it
CODE_KINDS = frozenset({"uscc", "uscc_list", "org_code", "id_number", "plain_code", "excel_number"})
NUMBER_KINDS = frozenset({"number", "non_negative", "amount_unit"})
ENUM_KINDS = frozenset({"enum", "enum_multi"})
# Excel keeps an inline drop-down list to 255 characters
_LIST_LIMIT = 255
# the earliest and latest dates a date cell accepts (2099-12-31 is how 长期 is often written)
_FIRST_DAY, _LAST_DAY = date(1949, 10, 1), date(2099, 12, 31)
REQUIRED_ZH = {"yes": "必填", "conditional": "条件必填", "no": "选填"}


@dataclass(frozen=True)
class Column:
    field: Field
    header: str
    kind: str  # text | code | date | number
    choices: tuple[str, ...] = ()  # a drop-down list
    strict: bool = True  # only the listed values (else the list is a suggestion: several kinds, 其他-…, or e.g.)
    open_ended: bool = False  # a date that may be written 长期

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "code")


def columns(source: Source) -> tuple[Column, ...]:
    """The template's columns, in the field table's order, with what the row rules say about each."""
    rules = rules_for(source.name)
    out = []
    for f in source.fields:
        own = [r for r in rules if r.field == f.canonical]
        kinds = {r.kind for r in own}
        if "date" in kinds:
            kind = "date"
        elif kinds & NUMBER_KINDS:
            kind = "number"
        elif kinds & CODE_KINDS:
            kind = "code"
        else:
            kind = "text"
        choices, strict = _choices(f, own)
        open_ended = any(r.kind == "date" and r.params.get("open_ended") for r in own)
        out.append(Column(f, f.template_header or f.name_zh, kind, choices, strict, open_ended))
    return tuple(out)


def _choices(f: Field, own) -> tuple[tuple[str, ...], bool]:
    """The values of an enumeration: the validator's (an enum rule), else the field table's "e.g. a | b" note."""
    for rule in own:
        if rule.kind in ENUM_KINDS:
            values = tuple(rule.params.get("values", ()))
            return values, rule.kind == "enum" and not rule.params.get("other_prefix")
    if f.notes.startswith("e.g.") and " | " in f.notes:
        return tuple(v.strip() for v in f.notes.removeprefix("e.g.").split("|") if v.strip()), False
    return (), True


def write_templates(out_dir: Path) -> list[Path]:
    """One template per source into out_dir (<source>_填报模板.xlsx); returns the paths."""
    return [write_template(source, out_dir / template_name(source)) for source in SOURCES.values()]


def template_name(source: Source) -> str:
    return f"{source.name}_{source.title_zh}_填报模板.xlsx"


def write_template(source: Source, target: Path) -> Path:
    cols = columns(source)
    return atomic_write(target, lambda tmp: _write(source, cols, tmp))


def _write(source: Source, cols: tuple[Column, ...], path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    book.set_properties({"title": f"{source.title_zh}信息填报模板", "company": "福州市鼓楼区财政局"})
    styles = {
        "text": book.add_format({"num_format": "@"}),
        "code": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "number": book.add_format({"num_format": "General"}),
        "yes": book.add_format({"bold": True, "bg_color": "#F4CCCC", "border": 1, "text_wrap": True, "valign": "top"}),
        "conditional": book.add_format(
            {"bold": True, "bg_color": "#FCE5CD", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "no": book.add_format({"bold": True, "bg_color": "#D9EAD3", "border": 1, "text_wrap": True, "valign": "top"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True, "border": 1, "bg_color": "#D9D9D9"}),
    }
    data = book.add_worksheet(source.title_zh[:31])
    _header(data, cols, styles, comments=True)
    for i, col in enumerate(cols):
        data.set_column(i, i, _width(col), styles[col.kind])
        _validate(data, i, col)
    data.freeze_panes(1, 0)

    example = book.add_worksheet(EXAMPLE_SHEET)
    _header(example, cols, styles, comments=False)
    for i, col in enumerate(cols):
        example.set_column(i, i, _width(col), styles[col.kind])
        _write_example(example, 1, i, col, styles)
    example.write(3, 0, "本工作表仅为示例，不会导入；请在第一个工作表中填写。", styles["wrap"])
    example.freeze_panes(1, 0)
    example.protect()

    _guide(book.add_worksheet(GUIDE_SHEET), source, cols, styles)
    data.activate()
    book.close()


def _header(sheet, cols, styles, comments: bool) -> None:
    sheet.set_row(0, 36)
    for i, col in enumerate(cols):
        sheet.write_string(0, i, col.header, styles[col.field.required if col.field.required in REQUIRED_ZH else "no"])
        if comments:
            sheet.write_comment(0, i, _comment(col), {"x_scale": 2, "y_scale": 2})


def _comment(col: Column) -> str:
    f = col.field
    lines = [f"{REQUIRED_ZH.get(f.required, '选填')} · 字段代码 {f.code}"]
    if col.kind == "code":
        lines.append("代码列：已设为文本格式，请直接输入或粘贴为文本，勿转为数字")
    elif col.kind == "date":
        lines.append("日期：如 2026-10-09" + ("；长期有效可填“长期”" if col.open_ended else ""))
    elif col.kind == "number":
        lines.append("数字" + ("，单位万元" if "万元" in col.header else "，单位元" if "（元）" in col.header else ""))
    if col.choices:
        lines.append(("可选：" if col.strict else "常见值：") + "、".join(col.choices))
        if not col.strict:
            lines.append("可填列表外的值" + ("（多个以;分隔，或“其他-…”）" if "其他" in col.choices else ""))
    if f.notes:
        lines.append(f"说明：{f.notes}")
    if f.example:
        lines.append(f"示例：{f.example}")
    return "\n".join(lines)


def _width(col: Column) -> int:
    return max(12, min(40, len(col.header) * 2 + 2))


def _validate(sheet, i: int, col: Column) -> None:
    first, last = 1, TEMPLATE_ROWS
    if col.choices and len(",".join(col.choices)) <= _LIST_LIMIT:
        sheet.data_validation(
            first,
            i,
            last,
            i,
            {
                "validate": "list",
                "source": list(col.choices),
                "error_type": "stop" if col.strict else "warning",
                "error_title": col.header[:32],
                "error_message": ("请从下拉列表中选择：" if col.strict else "不在常见值中，请确认：")
                + "、".join(col.choices)[:200],
            },
        )
    elif col.kind == "date":
        if col.open_ended:
            cell = xlsxwriter.utility.xl_rowcol_to_cell(first, i, row_abs=False, col_abs=True)
            sheet.data_validation(
                first,
                i,
                last,
                i,
                {
                    "validate": "custom",
                    "value": f'=OR(ISNUMBER({cell}),{cell}="长期")',
                    "error_title": "日期",
                    "error_message": "请填写日期（如 2026-10-09），长期有效填“长期”",
                },
            )
        else:
            sheet.data_validation(
                first,
                i,
                last,
                i,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": _FIRST_DAY,
                    "maximum": _LAST_DAY,
                    "error_title": "日期",
                    "error_message": "请填写有效日期，如 2026-10-09",
                },
            )
    elif col.kind == "number":
        sheet.data_validation(
            first,
            i,
            last,
            i,
            {
                "validate": "decimal",
                "criteria": ">=",
                "value": 0,
                "error_title": "金额",
                "error_message": "请填写不小于 0 的数字",
            },
        )


def _write_example(sheet, row: int, i: int, col: Column, styles) -> None:
    value = col.field.example
    if not value:
        return
    if col.kind == "date" and value != "长期":
        sheet.write_datetime(row, i, date.fromisoformat(value), styles["date"])
    elif col.kind == "number":
        sheet.write_number(row, i, float(value), styles["number"])
    else:
        sheet.write_string(row, i, value, styles["text"])


def _guide(sheet, source: Source, cols, styles) -> None:
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 2, 12)
    sheet.set_column(3, 4, 50)
    sheet.write(0, 0, f"{source.title_zh}信息填报说明", styles["title"])
    notes = [
        f"1. 请在第一个工作表“{source.title_zh[:31]}”中从第 2 行起每行填写一条记录，不要修改、删除或调换表头。",
        f"2. 工作表“{EXAMPLE_SHEET}”和本说明不会导入，可保留。",
        "3. 统一社会信用代码、证件号码等代码列已设为文本格式：请直接输入，从其他表格粘贴时请选择“只粘贴值”或“匹配目标格式”，"
        "不要把代码列改为数值或常规格式（否则 18 位代码会变成 9.13501E+17 而无法修复）。",
        "4. 日期请填写日期（如 2026-10-09），有下拉列表的列请从列表中选择。",
        "5. 红色表头为必填，橙色为条件必填（视主体类别等而定），绿色为选填；表头批注中有逐列说明。",
        "6. 填好后保存为 .xlsx，按报送日放入约定的报送文件夹。",
    ]
    for r, line in enumerate(notes, start=2):
        sheet.write(r, 0, line)
    top = len(notes) + 3
    for c, title in enumerate(("列名（表头）", "是否必填", "格式", "可选值", "说明")):
        sheet.write(top, c, title, styles["bold"])
    kinds = {"text": "文本", "code": "文本（代码）", "date": "日期", "number": "数字"}
    for r, col in enumerate(cols, start=top + 1):
        sheet.write(r, 0, col.header, styles["wrap"])
        sheet.write(r, 1, REQUIRED_ZH.get(col.field.required, "选填"), styles["wrap"])
        sheet.write(r, 2, kinds[col.kind], styles["wrap"])
        sheet.write(r, 3, "、".join(col.choices), styles["wrap"])
        sheet.write(r, 4, col.field.notes, styles["wrap"])
