"""Defect injection into clean rows (at most one per row), corrected re-deliveries, and the manifest rows they yield.
Text defects override one rendered cell (`_ovr_field`/`_ovr_value`); date and amount defects change the typed value."""

from __future__ import annotations

import numpy as np
import polars as pl

from creditwh.sample.codes import ID_CHECK, USCC_ALPHABET, corrupt_check, id_with_birth, with_bad_org_check
from creditwh.sample.formats import AMOUNT_COLUMNS, DATE_STYLES, MANIFEST_MARKER, FilePlan
from creditwh.sample.registry import SOURCES

EXPECTED = {
    "bad_uscc_check": "reject",
    "bad_id_check": "reject",
    "id_future_birth": "reject",
    "missing_required": "reject",
    "bad_enum": "reject",
    "impossible_date": "reject",
    "date_order": "reject",
    "decision_after_reporting": "reject",
    "negative_amount": "reject",
    "fine_in_yuan": "reject",
    "duplicate_in_file": "reject",
    "bad_org_code_check": "warn",
    "ragged_line": "line_reject",
    # natural or file-level, not drawn at defect_rate:
    "late_report": "warn",
    "bad_encoding": "file_reject",
    "correction": "version",
    "duplicate_delivery": "duplicate_delivery",
}
NOT_DRAWN = ("late_report", "bad_encoding", "correction", "duplicate_delivery")
ROW_DEFECTS = tuple(d for d in EXPECTED if d not in NOT_DRAWN)  # drawn at defect_rate, one per row at most
MANIFEST_COLUMNS = ("source", "file", "sheet", "source_row", "record_key", "defect", "field", "expected", "detail")

EVENT_DATE = {
    "licenses": "decision_date",
    "penalties": "decision_date",
    "procurement": "award_date",
    "upstream_lists": "listed_on",
    "repairs": "applied_on",
    "objections": "accepted_on",
    "applications": "applied_on",
    "commitments": "committed_on",
}
# date_order: (column moved, column it must not precede); the moved one is set before the other.
ORDER = {
    "licenses": ("valid_to", "decision_date"),
    "penalties": ("penalty_valid_to", "decision_date"),
    "procurement": ("award_date", "bid_deadline"),
    "upstream_lists": ("valid_until", "listed_on"),
    "repairs": ("decided_on", "applied_on"),
    "objections": ("closed_on", "accepted_on"),
    "applications": ("decided_on", "applied_on"),
    "commitments": ("due_on", "committed_on"),
}
# decision_after_reporting only on open cases: a closed one moved past the reporting date would break date_order too.
CLOSING_DATE = {
    "repairs": "decided_on",
    "objections": "closed_on",
    "applications": "decided_on",
    "commitments": "checked_on",
}
USCC_FIELDS = {"procurement": ("supplier_uscc", "purchaser_uscc", "consortium_usccs")}
ID_FIELDS = ("person_id_no", "legal_rep_id_no")
BAD_ENUM = {
    "subject_type": "XX单位",
    "license_category": "审批",
    "penalty_categories": "罚钱",
    "procurement_method": "随机采购",
    "kind": "奖罚",
    "decision": "已处理",
    "repair_kind": "删除记录",
    "verdict": "部分维持",
}
# (month, day) that do not exist; 2026 is not a leap year, so 02-29 is included for non-leap years only.
IMPOSSIBLE_DAYS = ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 5), (2, 29))


class Edits:
    """Edits collected by the defect appliers on a view of the file's drawn rows, scattered back in one pass."""

    def __init__(self, index: np.ndarray):
        self.index = index  # view row -> file row
        self.columns: dict[str, list[tuple[np.ndarray, object]]] = {}

    def _add(self, col: str, rows: np.ndarray, values) -> None:
        values = values if isinstance(values, (list, np.ndarray)) else [values] * len(rows)
        self.columns.setdefault(col, []).append((self.index[rows], values))

    def mark(self, rows, code, field, detail, value=None, override=False):
        for col, v in (("_defect", code), ("_expected", EXPECTED[code]), ("_field", field), ("_detail", detail)):
            self._add(col, rows, v)
        if override:
            self._add("_ovr_field", rows, field)
            self._add("_ovr_value", rows, list(value) if isinstance(value, np.ndarray) else value)

    def set_typed(self, col: str, rows: np.ndarray, values) -> None:
        self._add(col, rows, values)

    def rows_of(self, code: str) -> np.ndarray:
        return np.concatenate([r for r, v in self.columns.get("_defect", []) if v[0] == code] or [np.zeros(0, int)])

    def apply(self, frame: pl.DataFrame) -> pl.DataFrame:
        frame = frame.with_columns(_ovr_field=pl.lit(None, pl.String), _ovr_value=pl.lit(None, pl.String))
        cols = {}
        for col, edits in self.columns.items():
            s = frame[col]
            for rows, values in edits:
                s = s.scatter(rows, pl.Series(values, dtype=s.dtype))
            cols[col] = s
        return frame.with_columns(**cols)


def _uscc_fields(source: str) -> tuple[str, ...]:
    return USCC_FIELDS.get(source, ("uscc",))


def _required(plan: FilePlan) -> list[str]:
    src = SOURCES[plan.source]
    return [
        f.canonical
        for f in src.fields
        if f.required == "yes" and f.canonical != src.key_column and f.canonical in plan.canonical
    ]


def _conditional(plan: FilePlan, frame: pl.DataFrame) -> dict[str, np.ndarray]:
    """Conditionally required columns and the rows where they are required (current templates only)."""
    if "subject_type" not in plan.canonical:
        return {}
    kind = frame["_kind"].to_numpy()
    # Licenses and penalties require a USCC of individual businesses too; the list table names organisations only.
    needs_uscc = kind == 0 if plan.source == "upstream_lists" else kind <= 1
    out = {"uscc": needs_uscc, "legal_rep": kind == 0, "person_id_type": kind == 2, "person_id_no": kind == 2}
    if plan.source == "penalties":
        out.update(
            fine_10k_yuan=frame["_fine_yuan"].is_not_null().to_numpy(),
            confiscated_10k_yuan=frame["_conf_yuan"].is_not_null().to_numpy(),
            suspended_licence=frame["suspended_licence"].is_not_null().to_numpy(),
        )
    return {c: m for c, m in out.items() if c in plan.canonical}


def _pick_column(rng: np.random.Generator, avail: dict[str, np.ndarray], rows: np.ndarray) -> np.ndarray:
    """For each row, one of the columns available there (None when there is none)."""
    names = list(avail)
    if not names:
        return np.full(len(rows), None, dtype=object)
    m = np.stack([avail[c][rows] for c in names], axis=1) * rng.random((len(rows), len(names)))
    out = np.array(names, dtype=object)[m.argmax(axis=1)]
    out[m.max(axis=1) == 0] = None
    return out


def _candidates(frame: pl.DataFrame, plan: FilePlan) -> dict[str, dict[str, np.ndarray]]:
    """Per defect, per column: rows where that defect can be applied to that column."""
    n, src, cols = frame.height, plan.source, plan.canonical
    filled = {c: s.to_numpy() for c, s in frame.select(pl.all().is_not_null()).to_dict().items()}

    def has(col: str) -> np.ndarray:  # filled columns from one polars pass, not one call per column
        return filled.get(col, np.zeros(n, dtype=bool))

    every = np.ones(n, dtype=bool)
    c: dict[str, dict[str, np.ndarray]] = {}
    c["bad_uscc_check"] = {f: has(f) for f in _uscc_fields(src) if f in cols}
    # The organisation-code warning is about the subject's own code (the supplier's, in procurement).
    c["bad_org_code_check"] = {f: m for f, m in c["bad_uscc_check"].items() if f in ("uscc", "supplier_uscc")}
    c["bad_id_check"] = {f: has(f) for f in ID_FIELDS if f in cols}
    c["id_future_birth"] = c["bad_id_check"]
    required = {f: has(f) for f in _required(plan)}
    for f, need in _conditional(plan, frame).items():
        required[f] = need & has(f) if f not in AMOUNT_COLUMNS else need
    c["missing_required"] = required
    c["bad_enum"] = {f: every for f in BAD_ENUM if f in cols}
    event = EVENT_DATE[src]
    c["impossible_date"] = {event: has(event)} if event in cols else {}
    moved, anchor = ORDER[src]
    if moved in cols and anchor in cols:
        c["date_order"] = {moved: has(anchor) & (has(moved) | (src == "upstream_lists"))}
    else:
        c["date_order"] = {}
    closing = CLOSING_DATE.get(src)
    open_case = ~has(closing) if closing else every
    c["decision_after_reporting"] = {event: open_case} if event in cols else {}
    c["negative_amount"] = {f: has(hidden) for f, (hidden, _) in AMOUNT_COLUMNS.items() if f in cols}
    c["fine_in_yuan"] = {"fine_10k_yuan": has("_fine_yuan")} if "fine_10k_yuan" in cols else {}
    c["duplicate_in_file"] = {"": every}
    c["ragged_line"] = {"": every} if plan.fmt == "csv" else {}
    return c


def inject(frame: pl.DataFrame, plan: FilePlan, rng: np.random.Generator, rate: float) -> pl.DataFrame:
    """Inject defects into clean rows of one file; returns the rows in file order with manifest columns set."""
    if plan.bad_encoding:
        # The whole file is rejected: its rows are not listed one by one, late ones included.
        marker = np.zeros(frame.height, dtype=bool)
        marker[rng.choice(frame.height, min(3, frame.height), replace=False)] = True
        return frame.with_columns(
            remarks=pl.when(pl.lit(pl.Series(marker))).then(pl.lit(MANIFEST_MARKER + "备注")).otherwise("remarks"),
            _ragged=pl.lit(0, pl.Int8),
            _has_copy=pl.lit(False),
            **{c: pl.lit(None, pl.String) for c in ("_defect", "_field", "_expected", "_detail")},
        )
    # Only rows drawn for a defect are looked at: candidates and edits work on that small view.
    drawn = np.flatnonzero(frame["_defect"].is_null().to_numpy() & (rng.random(frame.height) < rate))
    view = frame[drawn]
    edits = Edits(drawn)
    cand = _candidates(view, plan)
    none = np.zeros(len(drawn), dtype=bool)
    avail = np.stack([np.any(list(cand[d].values()), axis=0) if cand[d] else none for d in ROW_DEFECTS], axis=1)
    keys = avail * rng.random(avail.shape)
    chosen = np.where(keys.max(axis=1) > 0, keys.argmax(axis=1), -1)
    for k, code in enumerate(ROW_DEFECTS):
        local = np.flatnonzero(chosen == k)
        if len(local) and code != "duplicate_in_file":
            _APPLY[code](view, local, plan, rng, edits, cand[code])
    frame = edits.apply(frame)
    ragged = np.zeros(frame.height, dtype=np.int8)
    ragged_rows = edits.rows_of("ragged_line")
    ragged[ragged_rows] = np.where(rng.random(len(ragged_rows)) < 0.5, -1, 1)  # one field missing or one extra
    dup_rows = drawn[chosen == ROW_DEFECTS.index("duplicate_in_file")]
    frame = frame.with_columns(_ragged=pl.Series(ragged), _has_copy=pl.repeat(False, frame.height, eager=True))
    return _insert_duplicates(frame, dup_rows, plan, rng)


def _insert_duplicates(frame: pl.DataFrame, rows: np.ndarray, plan: FilePlan, rng) -> pl.DataFrame:
    """Repeat each row a few rows further down; the second copy is the defect, the first stays clean."""
    if not len(rows):
        return frame
    n = frame.height
    after = np.minimum(rows + rng.integers(0, 4, len(rows)), n - 1)
    order_key = np.r_[np.arange(n, dtype=float), after + 0.5]
    order = np.argsort(order_key, kind="stable")
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    copies = frame[rows].with_columns(
        _defect=pl.lit("duplicate_in_file"),
        _expected=pl.lit(EXPECTED["duplicate_in_file"]),
        _field=pl.lit(None),
        _detail=pl.concat_str(
            [pl.lit("repeats source_row "), pl.lit(pl.Series(position[rows] + plan.first_row)).cast(pl.String)]
        ),
        _ragged=pl.lit(0, pl.Int8),
    )
    has_copy = np.zeros(n, dtype=bool)
    has_copy[rows] = True
    frame = frame.with_columns(_has_copy=pl.Series(has_copy))
    return pl.concat([frame, copies.with_columns(_has_copy=pl.lit(False))], how="vertical_relaxed")[order]


def _values(view: pl.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    return np.asarray(view[col].gather(rows).to_list(), dtype=object)


def _by_column(rng, cand, rows):
    cols = _pick_column(rng, cand, rows)
    for col in dict.fromkeys(c for c in cols if c is not None):
        yield col, rows[cols == col]


def _bad_uscc(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        vals = _values(view, col, sub).astype(str)
        first = np.array([v.split(";")[0] for v in vals])
        new = corrupt_check(first, USCC_ALPHABET, rng)
        if col == "consortium_usccs":  # a tainted member code; the other members stay as they are
            new = np.array([";".join([b, *v.split(";")[1:]]) for b, v in zip(new, vals, strict=False)])
        edits.mark(sub, "bad_uscc_check", col, [f"{col} {v}: wrong check character" for v in new], new, True)


def _bad_org(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        new = with_bad_org_check(_values(view, col, sub).astype(str), rng)
        edits.mark(
            sub,
            "bad_org_code_check",
            col,
            [f"{col} {v}: organisation code {v[8:17]} has a wrong check character (USCC check right)" for v in new],
            new,
            True,
        )


def _bad_id(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        new = corrupt_check(_values(view, col, sub).astype(str), ID_CHECK, rng)
        edits.mark(sub, "bad_id_check", col, [f"{col} {v}: wrong check character" for v in new], new, True)


def _future_birth(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        birth = np.datetime64(plan.reported) + rng.integers(30, 3650, len(sub)).astype("timedelta64[D]")
        new = id_with_birth(_values(view, col, sub).astype(str), birth)
        edits.mark(
            sub,
            "id_future_birth",
            col,
            [f"{col} {v}: birth date {v[6:14]} after the reporting date" for v in new],
            new,
            True,
        )


def _missing(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        edits.mark(sub, "missing_required", col, f"required field {col} is empty", "", True)


def _bad_enum(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        if col == "penalty_categories":  # 罚钱 for 罚款, the other kinds kept
            old = _values(view, col, sub).astype(str)
            new = np.array([v.replace("罚款", "罚钱") if "罚款" in v else "罚钱" for v in old])
        else:
            new = np.full(len(sub), BAD_ENUM[col])
        edits.mark(sub, "bad_enum", col, [f"{col}={v} is not in the enumeration" for v in new], new, True)


def _impossible(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        years = view[col].gather(sub).dt.year().to_numpy()
        styles = view["_dstyle"].gather(sub).to_numpy()
        md = np.array(IMPOSSIBLE_DAYS)[rng.integers(0, len(IMPOSSIBLE_DAYS) - 1, len(sub))]
        leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
        md[~leap & (rng.random(len(sub)) < 0.2)] = (2, 29)
        new = [_date_text(y, m, d, DATE_STYLES[s]) for y, (m, d), s in zip(years, md, styles, strict=False)]
        edits.mark(sub, "impossible_date", col, [f"{col} {v} is not a calendar date" for v in new], new, True)


def _date_text(y: int, m: int, d: int, style: str) -> str:
    return {"slash": f"{y}/{m}/{d}", "zh": f"{y}年{m}月{d}日", "compact": f"{y}{m:02d}{d:02d}"}.get(
        style, f"{y}-{m:02d}-{d:02d}"
    )


def _date_order(view, rows, plan, rng, edits, cand):
    moved, anchor = ORDER[plan.source]
    for _col, sub in _by_column(rng, cand, rows):
        base = view[anchor].gather(sub).to_numpy().astype("datetime64[D]")
        new = base - rng.integers(1, 60, len(sub)).astype("timedelta64[D]")
        edits.set_typed(moved, sub, new)
        if moved == "valid_to":
            edits.set_typed("_valid_to_text", sub, [None] * len(sub))
        edits.mark(
            sub, "date_order", moved, [f"{moved} {v} is before {anchor} {b}" for v, b in zip(new, base, strict=False)]
        )


def _after_reporting(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        new = np.datetime64(plan.reported) + rng.integers(1, 31, len(sub)).astype("timedelta64[D]")
        edits.set_typed(col, sub, new)
        edits.mark(
            sub,
            "decision_after_reporting",
            col,
            [f"{col} {v} is after the reporting date {plan.reported}" for v in new],
        )


def _negative(view, rows, plan, rng, edits, cand):
    for col, sub in _by_column(rng, cand, rows):
        hidden = AMOUNT_COLUMNS[col][0]
        edits.set_typed(hidden, sub, -view[hidden].gather(sub).to_numpy())
        edits.mark(sub, "negative_amount", col, f"{col} is negative")


def _fine_in_yuan(view, rows, plan, rng, edits, cand):
    yuan = view["_fine_yuan"].gather(rows).to_numpy()
    edits.mark(
        rows,
        "fine_in_yuan",
        "fine_10k_yuan",
        [f"fine {y} yuan written as {y} 万元 (10000x the 处罚内容 amount)" for y in yuan],
        yuan.astype(str),
        True,
    )


def _ragged(view, rows, plan, rng, edits, cand):
    edits.mark(rows, "ragged_line", None, "CSV line with one field missing or one extra")


_APPLY = {
    "bad_uscc_check": _bad_uscc,
    "bad_org_code_check": _bad_org,
    "bad_id_check": _bad_id,
    "id_future_birth": _future_birth,
    "missing_required": _missing,
    "bad_enum": _bad_enum,
    "impossible_date": _impossible,
    "date_order": _date_order,
    "decision_after_reporting": _after_reporting,
    "negative_amount": _negative,
    "fine_in_yuan": _fine_in_yuan,
    "ragged_line": _ragged,
}


def manifest_rows(frame: pl.DataFrame, plan: FilePlan) -> pl.DataFrame:
    """One manifest row per row of the file that carries a defect, late report or correction."""
    key = SOURCES[plan.source].key_column
    rows = frame.with_row_index("_pos").filter(pl.col("_defect").is_not_null())
    return rows.select(
        source=pl.lit(plan.source),
        file=pl.lit(plan.rel_path),
        sheet=pl.lit(plan.sheet if plan.fmt == "xlsx" else None, pl.String),
        source_row=(pl.col("_pos") + plan.first_row).cast(pl.String),
        record_key=pl.col(key),
        defect=pl.col("_defect"),
        field=pl.col("_field"),
        expected=pl.col("_expected"),
        detail=pl.col("_detail"),
    )


def file_row(plan: FilePlan, defect: str, detail: str, rel_path: str | None = None) -> pl.DataFrame:
    """A manifest row about a whole file (bad_encoding, duplicate_delivery)."""
    return pl.DataFrame(
        [
            {
                "source": plan.source,
                "file": rel_path or plan.rel_path,
                "sheet": None,
                "source_row": None,
                "record_key": None,
                "defect": defect,
                "field": None,
                "expected": EXPECTED[defect],
                "detail": detail,
            }
        ],
        schema={c: pl.String for c in MANIFEST_COLUMNS},
    )


CORRECTION_SHARE = 0.004  # clean rows re-delivered later with one field corrected (a new version)


def corrections(frame: pl.DataFrame, plan: FilePlan, rng: np.random.Generator, cal, last_day: int, start):
    """Clean rows to re-deliver on a later day with one field corrected: [(day index, rows)].

    Licenses and penalties are re-delivered while still within the 7-working-day deadline, so the new
    version is not late; its manifest row says what changed.
    """
    if plan.source not in ("licenses", "penalties", "procurement"):
        return []
    ok = frame["_defect"].is_null() & ~frame["_has_copy"] & ~frame["_late"]
    rows = np.flatnonzero(ok.to_numpy() & (rng.random(frame.height) < CORRECTION_SHARE))
    if not len(rows):
        return []
    picked = frame[rows]
    if plan.source == "procurement":
        latest = np.full(len(rows), plan.day_index + 5)
    else:
        dec = np.array([cal.index(d) for d in picked["decision_date"].to_list()])
        latest = cal.nth_workday_after(dec, 7) - cal.index(start)
    latest = np.minimum(latest, last_day)
    keep = latest > plan.day_index
    if not keep.any():
        return []
    picked, latest = picked.filter(pl.Series(keep)), latest[keep]
    target = plan.day_index + 1 + (rng.integers(0, 1 << 30, len(latest)) % (latest - plan.day_index))
    fixed = _correct(picked, plan.source, rng).drop("_dstyle", "_ovr_field", "_ovr_value", "_ragged", "_has_copy")
    return [(int(t), fixed.filter(pl.Series(target == t))) for t in np.unique(target)]


def _correct(rows: pl.DataFrame, source: str, rng) -> pl.DataFrame:
    n = rows.height
    if source == "procurement":
        new = rows["_award_cents"] + pl.Series(rng.integers(1, 200, n) * 10_000)
        return rows.with_columns(
            _award_cents=new,
            **_meta(
                pl.lit("award_amount_yuan"),
                pl.format("re-delivered: award amount corrected from {} to {} cents", pl.col("_award_cents"), new),
            ),
        )
    if source == "licenses":
        dated = pl.col("_valid_to_text").is_null() & (pl.col("valid_to").dt.year() < 2099)
        field = pl.when(dated).then(pl.lit("valid_to")).otherwise(pl.lit("content"))
        changed = pl.concat_str([pl.col("content"), pl.lit("（变更）")])
        return rows.with_columns(
            valid_to=pl.when(dated).then(pl.col("valid_to").dt.offset_by("1y")).otherwise(pl.col("valid_to")),
            content=pl.when(dated).then(pl.col("content")).otherwise(changed),
            remarks=pl.lit("更正"),
            **_meta(field, pl.format("re-delivered: {} corrected", field)),
        )
    # penalties: the fine is corrected (处罚内容 and 罚款金额 together), else the facts text.
    fined = pl.col("_fine_yuan").is_not_null()
    new_fine = pl.col("_fine_yuan") + 500
    return rows.with_columns(
        penalty_content=pl.when(fined)
        .then(
            pl.col("penalty_content").str.replace(
                r"罚款人民币\d+元", pl.concat_str([pl.lit("罚款人民币"), new_fine.cast(pl.String), pl.lit("元")])
            )
        )
        .otherwise(pl.col("penalty_content")),
        violation_facts=pl.when(fined)
        .then(pl.col("violation_facts"))
        .otherwise(pl.concat_str([pl.col("violation_facts"), pl.lit("当事人已当场改正。")])),
        _fine_yuan=new_fine,
        remarks=pl.lit("更正"),
        **_meta(
            pl.when(fined).then(pl.lit("penalty_content")).otherwise(pl.lit("violation_facts")),
            pl.when(fined)
            .then(pl.format("re-delivered: fine corrected from {} to {} yuan", pl.col("_fine_yuan"), new_fine))
            .otherwise(pl.lit("re-delivered: violation_facts corrected")),
        ),
    )


def _meta(field: pl.Expr, detail: pl.Expr) -> dict[str, pl.Expr]:
    """Manifest columns of a re-delivered row: a new version, not a defect."""
    return {"_field": field, "_defect": pl.lit("correction"), "_expected": pl.lit("version"), "_detail": detail}
