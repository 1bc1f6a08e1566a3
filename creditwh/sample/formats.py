"""How each delivered file looks (format, encoding, headers, dates, title rows), and rendering its rows to text.
Every choice is drawn per file from the run's seeded generator, so the mix is realistic and reproducible."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np
import polars as pl

from creditwh.platform.sources import Field, header_aliases
from creditwh.sample import catalog as cat
from creditwh.sample.registry import SOURCES

CSV_MAX_ROWS = 20_000  # one unit's day is split into several CSV files above this
XLSX_MAX_ROWS = 2_000  # xlsx writing is Python per cell, so workbooks stay small; the rest of the day goes to CSV

DATE_COLUMNS = {
    "licenses": ("decision_date", "valid_from", "valid_to"),
    "penalties": ("decision_date", "penalty_valid_to", "publicity_until"),
    "procurement": ("bid_deadline", "credit_checked_on", "award_date", "contract_date"),
    "upstream_lists": ("listed_on", "valid_until", "removed_on"),
    "repairs": ("applied_on", "decided_on"),
    "objections": ("accepted_on", "closed_on"),
    "applications": ("applied_on", "decided_on"),
    "commitments": ("committed_on", "due_on", "checked_on"),
}
# canonical amount column -> (hidden integer column, its unit): penalties in 万元, procurement and applications in
# yuan (held as integer cents).
AMOUNT_COLUMNS = {
    "fine_10k_yuan": ("_fine_yuan", "wan"),
    "confiscated_10k_yuan": ("_conf_yuan", "wan"),
    "award_amount_yuan": ("_award_cents", "yuan"),
    "amount_yuan": ("_amount_cents", "yuan"),
}
# Date styles: text forms seen in CSVs, plus Excel date cells and bare serial numbers in workbooks.
DATE_STYLES = ("iso", "slash", "zh", "compact", "cell", "serial")
STRFTIME = {
    "iso": "%Y-%m-%d",
    "slash": "%Y/%-m/%-d",
    "zh": "%Y年%-m月%-d日",
    "compact": "%Y%m%d",
    "cell": "%Y-%m-%d",
    "serial": "%Y-%m-%d",
}  # cell and serial render ISO; the xlsx writer converts
TITLES = {
    "licenses": "行政许可信息公示表",
    "penalties": "行政处罚信息公示表",
    "procurement": "政府采购中标（成交）结果汇总表",
    "upstream_lists": "联合奖惩对象名单",
    "repairs": "信用修复申请受理情况表",
    "objections": "信用信息异议申诉处理情况表",
    "applications": "财政补助与政策扶持申请受理情况表",
    "commitments": "信用承诺书受理及履约核查情况表",
}
ASCII_TITLES = {
    "licenses": "XZXK",
    "penalties": "XZCF",
    "procurement": "ZFCG",
    "upstream_lists": "LHJC",
    "repairs": "XYXF",
    "objections": "YYSS",
    "applications": "CZBZ",
    "commitments": "XYCN",
}
ALWAYS_BLANK = ("business_reg_no", "institution_cert_no", "social_org_reg_no")  # 三证合一: rarely filled any more
# Optional columns and the share of files that fill them (the others leave them empty).
OPTIONAL_FILL = (
    (("org_code",), 0.3),
    (("tax_reg_no",), 0.15),
    (("legal_rep_id_type", "legal_rep_id_no"), 0.7),
    (("publicity_until",), 0.5),
    (("memorandum",), 0.7),
)
MANIFEST_MARKER = "@@INVALID_BYTES@@"  # replaced by bytes invalid in both UTF-8 and GB18030


@dataclass(frozen=True)
class FilePlan:
    source: str
    day_index: int
    reported: date
    unit_key: str
    seq: int  # 1 for a unit's first file of the day
    fmt: str  # csv | xlsx
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | gb18030 (csv only)
    line_terminator: str = "\n"
    header_style: str = "zh"  # zh | zh_long | code | old
    date_style: str = "iso"  # one of DATE_STYLES, or mixed (each row its own text style)
    title_rows: int = 0
    cell_format: str = "yyyy-mm-dd"  # number format of xlsx date cells
    sheet: str = ""
    extra_sheet: bool = False
    blank: frozenset[str] = field(default_factory=frozenset)
    amount_style: str = "min"  # min | 2dp (yuan amounts)
    status_style: str = "有效"
    bad_encoding: bool = False

    @property
    def unit_name(self) -> str:
        return self.unit_key if self.unit_key not in cat.UNITS else cat.UNITS[self.unit_key].name

    @property
    def title(self) -> str:
        unit = cat.UNITS.get(self.unit_key)
        return (cat.AGENCIES[unit.agency].short if unit else self.unit_key) + TITLES[self.source]

    @property
    def filename(self) -> str:
        stem = cat.UNITS[self.unit_key].file_stem if self.unit_key in cat.UNITS else self.unit_key
        kind = ASCII_TITLES[self.source] if stem.isascii() else SOURCES[self.source].title_zh
        suffix = "" if self.seq == 1 else f"_{self.seq}"
        return f"{stem}_{kind}_{self.reported:%Y%m%d}{suffix}.{self.fmt}"

    @property
    def rel_path(self) -> str:
        return f"{self.source}/{self.reported.isoformat()}/{self.filename}"

    @property
    def fields(self) -> tuple[Field, ...]:
        src = SOURCES[self.source]
        return src.old_fields if self.header_style == "old" else src.fields

    @property
    def canonical(self) -> frozenset[str]:
        """Canonical columns this file carries and fills."""
        return frozenset(f.canonical for f in self.fields) - self.blank

    @property
    def first_row(self) -> int:
        """source_row of the first data row: the record number in CSV (header = 1), the Excel row in xlsx."""
        return self.title_rows + 2

    @property
    def headers(self) -> list[str]:
        return [header(self.source, f, self.header_style) for f in self.fields]


@cache
def _long_forms(source: str) -> dict[str, str]:
    """canonical -> long-form header, e.g. 行政相对人代码_1（统一社会信用代码）, from header_aliases.csv."""
    names = {f.canonical: f.name_zh for f in SOURCES[source].fields}
    out = {}
    for src, alias, canonical in header_aliases():
        if src == source and canonical in names:
            out[canonical] = f"{alias}（{names[canonical]}）" if alias.startswith("行政相对人代码_") else alias
    return out


def header(source: str, f: Field, style: str) -> str:
    if style in ("code", "old"):
        return f.code
    if style == "zh_long":
        return _long_forms(source).get(f.canonical, f.name_zh)
    return f.name_zh


def _draw(rng: np.random.Generator, options: dict[str, float]) -> str:
    keys = list(options)
    p = np.array(list(options.values()), dtype=float)
    return keys[rng.choice(len(keys), p=p / p.sum())]


def plan_files(
    source: str, day_index: int, reported: date, units: pl.Series, rng: np.random.Generator, bad_encoding: bool = False
) -> list[tuple[FilePlan, np.ndarray]]:
    """Split one source's day into files, one unit per file, and choose how each file looks."""
    national = source in ("licenses", "penalties")
    plans = []
    bad_left = bad_encoding  # the first CSV of the day gets the invalid bytes
    for unit in units.unique(maintain_order=True).to_list():
        rows = np.flatnonzero((units == unit).to_numpy())
        chunks = []
        for start in range(0, len(rows), CSV_MAX_ROWS):
            chunk = rows[start : start + CSV_MAX_ROWS]
            if rng.random() < 0.15:  # a workbook; what does not fit goes on in a CSV
                chunks.append(("xlsx", chunk[:XLSX_MAX_ROWS]))
                chunk = chunk[XLSX_MAX_ROWS:]
            if len(chunk):
                chunks.append(("csv", chunk))
        for seq, (fmt, chunk) in enumerate(chunks, start=1):
            styles = {"old": 0.10, "code": 0.20, "zh_long": 0.15, "zh": 0.55} if national else {"code": 0.2, "zh": 0.8}
            blank = set(ALWAYS_BLANK)
            for cols, keep in OPTIONAL_FILL:
                if rng.random() >= keep:
                    blank.update(cols)
            plan = dict(
                source=source,
                day_index=day_index,
                reported=reported,
                unit_key=unit,
                seq=seq,
                fmt=fmt,
                header_style=_draw(rng, styles),
                blank=frozenset(blank),
                amount_style=_draw(rng, {"min": 0.6, "2dp": 0.4}),
                status_style=_draw(rng, {"有效": 0.85, "1": 0.15}),
            )
            if fmt == "xlsx":
                plan.update(
                    date_style=_draw(rng, {"cell": 0.5, "serial": 0.15, "iso": 0.15, "slash": 0.1, "zh": 0.1}),
                    title_rows=int(rng.integers(1, 3)),
                    cell_format=_draw(rng, {"yyyy-mm-dd": 0.6, "yyyy/m/d": 0.3, 'yyyy"年"m"月"d"日"': 0.1}),
                    sheet=_draw(rng, {"Sheet1": 0.5, SOURCES[source].title_zh: 0.3, f"{reported.month}月": 0.2}),
                    extra_sheet=bool(rng.random() < 0.3),
                )
            else:
                # ~20% of all files GB18030 (0.2 / 0.85 of the CSVs), a third of the UTF-8 ones with a BOM.
                encoding = "utf-8" if bad_left else _draw(rng, {"gb18030": 0.235, "utf-8-sig": 0.255, "utf-8": 0.51})
                plan.update(
                    encoding=encoding,
                    line_terminator="\r\n" if encoding != "utf-8" and rng.random() < 0.7 else "\n",
                    date_style=_draw(rng, {"iso": 0.4, "slash": 0.2, "zh": 0.15, "compact": 0.15, "mixed": 0.1}),
                    bad_encoding=bad_left,
                )
                bad_left = False
            plans.append((FilePlan(**plan), chunk))
    return plans


def with_date_styles(frame: pl.DataFrame, plan: FilePlan, rng: np.random.Generator) -> pl.DataFrame:
    """Each row's date style (an index into DATE_STYLES): the file's, or a random text style in mixed files."""
    if plan.date_style == "mixed":
        styles = rng.integers(0, 4, frame.height)
    else:
        styles = np.full(frame.height, DATE_STYLES.index(plan.date_style))
    return frame.with_columns(_dstyle=pl.Series(styles, dtype=pl.Int8))


def format_dates(expr: pl.Expr, styles: pl.Expr) -> pl.Expr:
    out = expr.dt.strftime(STRFTIME["iso"])
    for k, style in enumerate(DATE_STYLES[:4]):
        if k:
            out = pl.when(styles == k).then(expr.dt.strftime(STRFTIME[style])).otherwise(out)
    return out


def _wan(col: str) -> pl.Expr:
    """Integer yuan -> exact decimal text in 万元 (2000 -> 0.2, 125000 -> 12.5)."""
    a = pl.col(col).abs()
    frac = (a % 10_000).cast(pl.String).str.zfill(4).str.strip_chars_end("0")
    text = pl.concat_str(
        [
            (a // 10_000).cast(pl.String),
            pl.when(frac != "").then(pl.concat_str([pl.lit("."), frac])).otherwise(pl.lit("")),
        ]
    )
    return pl.when(pl.col(col) < 0).then(pl.concat_str([pl.lit("-"), text])).otherwise(text)


def _yuan(col: str, style: str) -> pl.Expr:
    """Integer cents -> yuan text, with two decimals or only when needed."""
    a = pl.col(col).abs()
    cents = (a % 100).cast(pl.String).str.zfill(2)
    frac = pl.concat_str([pl.lit("."), cents])
    if style == "min":
        frac = pl.when(cents == "00").then(pl.lit("")).otherwise(frac)
    text = pl.concat_str([(a // 100).cast(pl.String), frac])
    return pl.when(pl.col(col) < 0).then(pl.concat_str([pl.lit("-"), text])).otherwise(text)


def render(frame: pl.DataFrame, plan: FilePlan) -> pl.DataFrame:
    """Text table as delivered: one String column per header, nulls for empty cells."""
    dates = DATE_COLUMNS[plan.source]
    exprs: dict[str, pl.Expr] = {}
    for f in plan.fields:
        c = f.canonical
        if c in plan.blank:
            e = pl.lit(None, pl.String)
        elif c in dates:
            e = format_dates(pl.col(c), pl.col("_dstyle"))
            if c == "valid_to":
                e = pl.coalesce(pl.col("_valid_to_text"), e)
        elif c in AMOUNT_COLUMNS:
            hidden, unit = AMOUNT_COLUMNS[c]
            e = _wan(hidden) if unit == "wan" else _yuan(hidden, plan.amount_style)
        elif c == "status" and plan.status_style != "有效":
            e = pl.when(pl.col(c) == "有效").then(pl.lit(plan.status_style)).otherwise(pl.col(c))
        elif c == "penalty_categories_2":
            continue  # split from penalty_categories below
        else:
            e = pl.col(c).cast(pl.String)
        exprs[c] = e
    if "_ovr_field" in frame.columns:  # injected defects that are text (bad codes, impossible dates, blanks…)
        for c in frame["_ovr_field"].drop_nulls().unique().sort().to_list():
            exprs[c] = pl.when(pl.col("_ovr_field") == c).then(pl.col("_ovr_value")).otherwise(exprs[c])
    table = frame.select(**exprs).with_columns(pl.all().replace("", None))
    if plan.header_style == "old" and plan.source == "penalties":
        # The 2015/16 template has two category columns; staging joins CF_CFLB2 back with ';'.
        parts = pl.col("penalty_categories").str.splitn(";", 2)
        table = table.with_columns(
            penalty_categories=parts.struct.field("field_0"), penalty_categories_2=parts.struct.field("field_1")
        )
    return table.select([pl.col(f.canonical).alias(h) for f, h in zip(plan.fields, plan.headers, strict=False)])


def column_kinds(plan: FilePlan) -> list[str]:
    """date | amount | text per column, for the xlsx writer."""
    dates = DATE_COLUMNS[plan.source]
    return [
        "date" if f.canonical in dates else "amount" if f.canonical in AMOUNT_COLUMNS else "text" for f in plan.fields
    ]
