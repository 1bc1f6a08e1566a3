"""Per-source builders of one reporting day's clean records: typed polars frames with canonical column names.
Hidden `_` columns carry unit, subject, integer amounts and manifest fields; text is gathered from lookup tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from creditwh.sample import catalog as cat
from creditwh.sample.subjects import SubjectPool
from creditwh.sample.workdays import DEADLINE_WORKDAYS, WorkCalendar

LATE_SHARE = 0.05  # share of double-publicity records reported after the 7-working-day deadline
META = ("_defect", "_field", "_expected", "_detail")
OPEN_ENDED = "长期"
FAR_FUTURE = date(2099, 12, 31)
SERIOUS_KINDS = ("吊销许可证件", "责令关闭", "限制从业", "责令停产停业", "行政拘留")
SERIOUS_FINE_YUAN = 2_000_000  # 财库〔2022〕3号 and the 2026 repair rules: 200 万元 or more is serious
PUBLICITY_DAYS = {"minor": 91, "general": 365, "serious": 3 * 365}  # 国家发展改革委令第36号 maximum periods

UNIT_KEYS = list(cat.UNITS)
AGENCY_KEYS = list(cat.AGENCIES)
_UNIT_AGENCY = np.array([AGENCY_KEYS.index(u.agency) for u in cat.UNITS.values()])
_AGENCY_NAMES = [a.name for a in cat.AGENCIES.values()]
_AGENCY_USCCS = [a.uscc for a in cat.AGENCIES.values()]
_UNIT_NAMES = [u.name for u in cat.UNITS.values()]
_UNIT_USCCS = [cat.unit_uscc(k) for k in UNIT_KEYS]


class Counters:
    """Running sequence numbers per (series, group, year): decision and case numbers stay unique over the run."""

    def __init__(self):
        self.last: dict[tuple[str, int, int], int] = {}

    def take(self, series: str, groups: np.ndarray, years: np.ndarray) -> np.ndarray:
        n = len(groups)
        key = np.asarray(groups, dtype=np.int64) * 10_000 + np.asarray(years, dtype=np.int64)
        uniq, inv = np.unique(key, return_inverse=True)
        order = np.argsort(inv, kind="stable")
        starts = np.searchsorted(inv[order], np.arange(len(uniq)))
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n) - starts[inv[order]]
        offset = np.array(
            [self.last.get((series, int(k // 10_000), int(k % 10_000)), 0) for k in uniq], dtype=np.int64
        )  # one lookup per group, not per row
        for k, o, c in zip(uniq, offset, np.bincount(inv, minlength=len(uniq)), strict=False):
            self.last[(series, int(k // 10_000), int(k % 10_000))] = int(o + c)
        return offset[inv] + rank + 1


@dataclass
class Day:
    """Everything a builder needs for one reporting day."""

    index: int  # day of the run
    reported: date  # the folder date
    rng: np.random.Generator
    pool: SubjectPool
    cal: WorkCalendar
    counters: Counters
    penalty_history: pl.DataFrame | None = None  # earlier days' accepted penalties, for repairs and objections

    @property
    def r_idx(self) -> int:
        return self.cal.index(self.reported)


def pick(values: Sequence, idx: np.ndarray) -> pl.Series:
    """values[idx] for a small lookup table, as a polars Series."""
    return pl.Series(list(values)).gather(np.asarray(idx, dtype=np.int64))


def masked(values, keep: np.ndarray) -> pl.Series:
    """`values` (Series, array or scalar) where `keep`, null elsewhere."""
    keep = pl.Series(np.asarray(keep, dtype=bool))
    values = (
        values
        if isinstance(values, pl.Series)
        else (pl.Series(values) if isinstance(values, np.ndarray) else pl.repeat(values, len(keep), eager=True))
    )
    return pl.select(pl.when(pl.lit(keep)).then(pl.lit(values))).to_series() if len(keep) else values


_PLACEHOLDER = re.compile(r"\{(\w+)(?::0(\d+)d)?\}")


def fill_pattern(patterns: Sequence[str], which: np.ndarray, values: dict[str, pl.Expr | pl.Series]) -> pl.Expr:
    """Per-row string from patterns[which[row]] such as '榕鼓财罚〔{y}〕{n}号', built column-wise."""
    which_s = pl.Series(np.asarray(which, dtype=np.int64))
    out: pl.Expr | None = None
    for k in np.unique(which_s.to_numpy()):
        pieces: list[pl.Expr] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(patterns[k]):
            if m.start() > pos:
                pieces.append(pl.lit(patterns[k][pos : m.start()]))
            v = values[m.group(1)]
            v = (pl.lit(v) if isinstance(v, pl.Series) else v).cast(pl.String)
            pieces.append(v.str.zfill(int(m.group(2))) if m.group(2) else v)
            pos = m.end()
        if pos < len(patterns[k]) or not pieces:
            pieces.append(pl.lit(patterns[k][pos:]))
        expr = pl.concat_str(pieces)
        out = expr if out is None else pl.when(pl.lit(which_s) == k).then(expr).otherwise(out)
    return out if out is not None else pl.lit(None, pl.String)


def choose(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    """Indices into list(weights), drawn with those weights."""
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(len(p), n, p=p / p.sum())


def choose_kinds(rng: np.random.Generator, kind_weights: np.ndarray) -> np.ndarray:
    """Subject kind per row from per-row weights (n, 3)."""
    cum = np.cumsum(kind_weights, axis=1)
    return (rng.random(len(cum))[:, None] * cum[:, -1:] >= cum).sum(axis=1)


def days(x) -> np.ndarray:
    return np.asarray(x).astype("timedelta64[D]")


def years_of(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[Y]").astype(int) + 1970


def subject_columns(pool: SubjectPool, ids: np.ndarray) -> pl.DataFrame:
    s = pool.frame[ids]
    return pl.DataFrame(
        {
            "subject_name": s["name"],
            "subject_type": s["subject_type"],
            "uscc": s["uscc"],
            "legal_rep": s["legal_rep"],
            "legal_rep_id_no": s["legal_rep_id"],
            "person_id_no": s["person_id"],
            "_subject": ids,
            "_kind": s["kind"],
        }
    )


def no_meta(n: int) -> dict[str, pl.Series]:
    return {c: pl.repeat(None, n, dtype=pl.String, eager=True).alias(c) for c in META}


def late_meta(d: Day, dec_idx: np.ndarray, late: np.ndarray) -> dict[str, pl.Series]:
    """late_report is natural: every late row is listed in the manifest as a warning."""
    detail = pl.select(
        pl.format(
            "decided {}, reported {}: {} working days after the decision (limit {})",
            pl.lit(pl.Series(d.cal.date_of(dec_idx))),
            pl.lit(str(d.reported)),
            pl.lit(pl.Series(d.cal.workdays_between(dec_idx, d.r_idx))),
            pl.lit(DEADLINE_WORKDAYS),
        )
    ).to_series()
    return {
        "_defect": masked("late_report", late),
        "_field": masked("decision_date", late),
        "_expected": masked("warn", late),
        "_detail": masked(detail, late),
    }


def source_timestamp(d: Day, n: int) -> pl.Series:
    """数据更新时间戳 of the old template: the day before reporting, office hours."""
    t = np.datetime64(d.reported - timedelta(days=1), "s") + (8 * 3600 + d.rng.integers(0, 10 * 3600, n))
    return pl.Series(t.astype("datetime64[ms]")).dt.strftime("%Y-%m-%d %H:%M:%S")


def _with_codes(frame: pl.DataFrame) -> pl.DataFrame:
    """Derived identifier columns: org code inside the USCC, tax number (= USCC since 三证合一), ID types."""
    return frame.with_columns(
        org_code=pl.col("uscc").str.slice(8, 9),
        tax_reg_no=pl.col("uscc"),
        business_reg_no=pl.lit(None, pl.String),
        institution_cert_no=pl.lit(None, pl.String),
        social_org_reg_no=pl.lit(None, pl.String),
        legal_rep_id_type=pl.when(pl.col("legal_rep_id_no").is_not_null()).then(pl.lit("身份证")),
        person_id_type=pl.when(pl.col("person_id_no").is_not_null()).then(pl.lit("身份证")),
    )


def _items_per_unit(
    rng: np.random.Generator, units: np.ndarray, item_agencies: list[str], allowed=lambda unit_key, i: True
) -> np.ndarray:
    """For each row, an item (license item or penalty case) of the row's unit's agency."""
    out = np.zeros(len(units), dtype=np.int64)
    for u in np.unique(units):
        mask = units == u
        key = UNIT_KEYS[u]
        candidates = [i for i, a in enumerate(item_agencies) if a == cat.UNITS[key].agency and allowed(key, i)]
        out[mask] = rng.choice(candidates, int(mask.sum()))
    return out


def _unit_columns(units: np.ndarray) -> dict[str, pl.Series]:
    agency = _UNIT_AGENCY[units]
    return {
        "_unit": pick(UNIT_KEYS, units),
        "authority": pick(_AGENCY_NAMES, agency),
        "authority_uscc": pick(_AGENCY_USCCS, agency),
        "source_unit": pick(_UNIT_NAMES, units),
        "source_unit_uscc": pick(_UNIT_USCCS, units),
    }


_LICENSE_UNITS = {UNIT_KEYS.index(k): w for k, w in cat.LICENSE_UNITS.items()}
_ITEM_YEARS = np.array([np.nan if it.years is None else it.years for it in cat.LICENSE_ITEMS])


def build_licenses(d: Day, n: int) -> pl.DataFrame:
    rng, items_all = d.rng, cat.LICENSE_ITEMS
    units = np.array(list(_LICENSE_UNITS))[choose(rng, {str(k): w for k, w in _LICENSE_UNITS.items()}, n)]
    items = _items_per_unit(rng, units, [it.agency for it in items_all])
    kinds = choose_kinds(rng, np.array([it.kinds for it in items_all])[items])
    subj = subject_columns(d.pool, d.pool.pick(rng, kinds))
    dec_idx, late = d.cal.decision_days(rng, d.r_idx, n, LATE_SHARE)
    dec = d.cal.date_of(dec_idx)
    years = _ITEM_YEARS[items]
    open_ended = np.isnan(years)
    long_text = open_ended & (rng.random(n) < 0.5)  # half write 长期, half 2099-12-31
    valid_to = np.where(open_ended, np.datetime64(FAR_FUTURE), dec + days((np.nan_to_num(years) * 365).astype(int) - 1))
    agency = _UNIT_AGENCY[units]
    yr = years_of(dec)
    doc_n = d.counters.take("license", agency, yr)
    lic_n = d.counters.take("license_no", items, yr)
    frame = pl.DataFrame(
        {
            **_unit_columns(units),
            "_item": items,
            "_late": late,
            "decision_doc_name": pick([it.doc_name for it in items_all], items),
            "license_category": pick([it.category for it in items_all], items),
            "certificate_name": pick([it.certificate or None for it in items_all], items),
            "content": pick([it.content for it in items_all], items),
            "decision_date": dec,
            "valid_from": dec,
            "valid_to": valid_to,
            "_valid_to_text": masked(OPEN_ENDED, long_text),
            "status": pl.repeat("有效", n, eager=True),
            "remarks": pl.repeat(None, n, dtype=pl.String, eager=True),
            "local_code": pl.repeat(cat.AREA, n, eager=True),
        }
    )
    frame = pl.concat([frame, subj], how="horizontal").with_columns(
        source_timestamp=source_timestamp(d, n),
        decision_doc_no=fill_pattern(
            [a.license_doc for a in cat.AGENCIES.values()], agency, {"y": pl.Series(yr), "n": pl.Series(doc_n)}
        ),
        license_no=pl.when(pl.col("certificate_name").is_not_null()).then(
            fill_pattern(
                [it.number for it in items_all],
                items,
                {"y": pl.Series(yr), "y2": pl.Series(yr % 100), "n": pl.Series(lic_n), "uscc": pl.col("uscc")},
            )
        ),
        **late_meta(d, dec_idx, late),
    )
    return _with_codes(frame)


_CONTENT_PIECES = {
    "警告": "警告",
    "通报批评": "通报批评",
    "罚款": "罚款人民币{fine}元",
    "没收违法所得": "没收违法所得人民币{conf}元",
    "没收非法财物": "没收非法财物（涉案物品一批）",
    "暂扣许可证件": "暂扣《{lic}》三个月",
    "吊销许可证件": "吊销《{lic}》",
    "责令停产停业": "责令停产停业一个月",
}


def _content_pattern(categories: str) -> str:
    """处罚内容 for a set of categories; the fine in yuan follows 罚款人民币 so it can be checked against 万元."""
    return "；".join(_CONTENT_PIECES.get(c, c.removeprefix("其他-")) for c in categories.split(";"))


# Outcomes of all cases, flattened: (case index, categories, weight, fine range, confiscation range, licence).
OUTCOMES = [(ci, *o) for ci, case in enumerate(cat.PENALTY_CASES) for o in case.outcomes]
_OUT_CATEGORIES = [o[1] for o in OUTCOMES]
_OUT_SERIOUS = np.array([any(k in o[1] for k in SERIOUS_KINDS) for o in OUTCOMES])
_OUT_MINOR = np.array([set(o[1].split(";")) <= {"警告", "通报批评"} for o in OUTCOMES])
_OUT_CONTENT = [_content_pattern(o[1]) for o in OUTCOMES]
_PENALTY_UNITS = {UNIT_KEYS.index(k): w for k, w in cat.PENALTY_UNITS.items()}
_LAWS = [c.basis[: c.basis.index("》") + 1] for c in cat.PENALTY_CASES]


def _round_amount(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    step = 10_000 if lo >= SERIOUS_FINE_YUAN else 100 if hi > 2000 else 50
    return (rng.integers(lo // step, hi // step + 1, n) * step).astype(np.int64)


def _with_comma(values: np.ndarray, share: float, rng: np.random.Generator) -> pl.Series:
    """Numbers as text, some with an ASCII thousands comma (which forces CSV quoting)."""
    text = pl.Series(values.astype(np.int64)).cast(pl.String)
    comma = pl.Series((values >= 1000) & (rng.random(len(values)) < share))
    return pl.select(
        pl.when(pl.lit(comma))
        .then(
            pl.concat_str(
                [pl.lit(text).str.slice(0, pl.lit(text).str.len_chars() - 3), pl.lit(","), pl.lit(text).str.slice(-3)]
            )
        )
        .otherwise(pl.lit(text))
    ).to_series()


_CASE_V = np.array([c.v for c in cat.PENALTY_CASES])


def _case_numbers(rng: np.random.Generator, case_idx: np.ndarray) -> np.ndarray:
    """The number in each act (货值, 面积, 人数 …) within its case's plausible range."""
    lo, hi = _CASE_V[case_idx, 0], _CASE_V[case_idx, 1]
    return lo + (rng.random(len(case_idx)) * (hi - lo + 1)).astype(np.int64)


def build_penalties(d: Day, n: int) -> pl.DataFrame:
    rng, cases = d.rng, cat.PENALTY_CASES
    units = np.array(list(_PENALTY_UNITS))[choose(rng, {str(k): w for k, w in _PENALTY_UNITS.items()}, n)]
    case_idx = _items_per_unit(
        rng,
        units,
        [c.agency for c in cases],
        lambda unit, i: unit not in cat.PENALTY_UNIT_CASES or cases[i].violation in cat.PENALTY_UNIT_CASES[unit],
    )
    outcome = np.zeros(n, dtype=np.int64)
    fine = np.full(n, -1, dtype=np.int64)
    conf = np.full(n, -1, dtype=np.int64)
    for ci in np.unique(case_idx):
        rows_ci = np.flatnonzero(case_idx == ci)
        options = np.array([k for k, o in enumerate(OUTCOMES) if o[0] == ci])
        w = np.array([OUTCOMES[k][2] for k in options])
        chosen = options[rng.choice(len(options), len(rows_ci), p=w / w.sum())]
        outcome[rows_ci] = chosen
        for k in np.unique(chosen):
            rows = rows_ci[chosen == k]
            fine_range, conf_range = OUTCOMES[k][3], OUTCOMES[k][4]
            if fine_range:
                fine[rows] = _round_amount(rng, *fine_range, len(rows))
            if conf_range:
                conf[rows] = _round_amount(rng, *conf_range, len(rows))
    kinds = choose_kinds(rng, np.array([c.kinds for c in cases])[case_idx])
    subj = subject_columns(d.pool, d.pool.pick(rng, kinds))
    dec_idx, late = d.cal.decision_days(rng, d.r_idx, n, LATE_SHARE)
    dec = d.cal.date_of(dec_idx)
    yr = years_of(dec)
    serious = _OUT_SERIOUS[outcome] | (fine >= SERIOUS_FINE_YUAN)
    minor = _OUT_MINOR[outcome] & ~serious
    valid_to = dec + days(
        np.select([serious, minor], [PUBLICITY_DAYS["serious"], PUBLICITY_DAYS["minor"]], PUBLICITY_DAYS["general"])
    )
    agency = _UNIT_AGENCY[units]
    doc_n = d.counters.take("penalty", agency, yr)
    licence = pick([o[5] or None for o in OUTCOMES], outcome)
    acted = pl.Series(dec - days(rng.integers(10, 60, n))).dt.strftime("%Y年%-m月%-d日")
    frame = pl.DataFrame(
        {
            **_unit_columns(units),
            "_case": case_idx,
            "_late": late,
            "_severity": pick(["general", "serious", "minor"], serious + 2 * minor),
            "_fine_yuan": masked(fine, fine >= 0),
            "_conf_yuan": masked(conf, conf >= 0),
            "violation_type": pick([c.violation for c in cases], case_idx),
            "legal_basis": pick([f"依据{c.basis}" for c in cases], case_idx),
            "penalty_categories": pick(_OUT_CATEGORIES, outcome),
            "decision_date": dec,
            "penalty_valid_to": valid_to,
            "publicity_until": valid_to,
            "status": pl.repeat("有效", n, eager=True),
            "remarks": pl.repeat(None, n, dtype=pl.String, eager=True),
            "local_code": pl.repeat(cat.AREA, n, eager=True),
        }
    )
    frame = pl.concat([frame, subj], how="horizontal").with_columns(
        source_timestamp=source_timestamp(d, n),
        decision_doc_no=fill_pattern(
            [a.penalty_doc for a in cat.AGENCIES.values()], agency, {"y": pl.Series(yr), "n": pl.Series(doc_n)}
        ),
        # 违法事实: a dated, located act; some offices open with a line break (a quoted newline in CSV).
        violation_facts=pl.concat_str(
            [
                pl.lit(pick(["经查，当事人", "经查：\n当事人"], rng.random(n) < 0.1)),
                pl.col("subject_name"),
                pl.lit("于"),
                pl.lit(acted),
                pl.lit("在福州市鼓楼区"),
                pl.lit(pick(cat.ROADS, rng.integers(0, len(cat.ROADS), n))),
                pl.lit(pl.Series(rng.integers(1, 300, n))).cast(pl.String),
                pl.lit("号"),
                fill_pattern(
                    [c.act for c in cases], case_idx, {"v": _with_comma(_case_numbers(rng, case_idx), 0.3, rng)}
                ),
                pl.lit("。上述行为违反了"),
                pl.lit(pick(_LAWS, case_idx)),
                pl.lit("的规定。"),
            ]
        ),
        penalty_content=fill_pattern(
            _OUT_CONTENT, outcome, {"fine": pl.col("_fine_yuan"), "conf": pl.col("_conf_yuan"), "lic": pl.lit(licence)}
        ),
        suspended_licence=pl.format(
            "《{}》（编号：{}）", pl.lit(licence), pl.lit(pl.Series(rng.integers(10**9, 10**10, n)))
        ),
        **late_meta(d, dec_idx, late),
    )
    return _with_codes(frame)


_PURCHASER_NAMES = [p[0] for p in cat.PURCHASERS]
_PURCHASER_USCCS = [cat.single_uscc(p[1], cat.AREA, p[2]) for p in cat.PURCHASERS]


def build_procurement(d: Day, n: int) -> pl.DataFrame:
    rng = d.rng
    lots = rng.choice([1, 2, 3], n, p=[0.8, 0.15, 0.05])
    project = np.repeat(np.arange(n), lots)[:n]  # consecutive rows of a project are its lots
    first = np.r_[True, project[1:] != project[:-1]]
    lot_no = np.arange(n) - np.maximum.accumulate(np.where(first, np.arange(n), 0)) + 1
    multi = np.bincount(project)[project] > 1
    n_proj = int(project[-1]) + 1

    def per_project(values: np.ndarray) -> np.ndarray:
        return values[project]

    purchaser = per_project(rng.integers(0, len(cat.PURCHASERS), n_proj))
    award = np.datetime64(d.reported) - days(per_project(rng.integers(1, 21, n_proj)))
    bid = award - days(per_project(rng.integers(1, 8, n_proj)))
    has_bid = per_project(rng.random(n_proj) < 0.92)
    check = bid - days(per_project(rng.integers(0, 6, n_proj)))  # 财库〔2016〕125号: checked before the deadline
    has_check = has_bid & per_project(rng.random(n_proj) < 0.85)  # empty = no credit check recorded
    contract = award + days(rng.integers(3, 26, n))
    has_contract = contract < np.datetime64(d.reported)
    done = has_contract & (rng.random(n) < 0.1)
    yr = years_of(award)
    code_n = d.counters.take("procurement", np.zeros(n_proj, dtype=np.int64), yr[first])[project]
    supplier = d.pool.draw(rng, "supplier", n)
    sup = d.pool.frame[supplier]
    # 财库〔2016〕125号 screens every consortium member; members are other suppliers, one or two of them.
    first, second = (d.pool.frame["uscc"].gather(d.pool.draw(rng, "supplier", n)) for _ in range(2))
    lead = pl.lit(sup["uscc"])
    members = (
        pl.select(
            pl.concat_str(
                [
                    pl.when(pl.lit(first) != lead).then(pl.lit(first)),
                    pl.when(
                        (pl.lit(second) != lead)
                        & (pl.lit(second) != pl.lit(first))
                        & pl.lit(pl.Series(rng.random(n) < 0.3))
                    ).then(pl.lit(second)),
                ],
                separator=";",
                ignore_nulls=True,
            )
        )
        .to_series()
        .replace("", None)
    )
    cents = (np.exp(rng.normal(12.6, 1.1, n)).clip(5_000, 50_000_000) * 100).astype(np.int64)
    cents = np.where(rng.random(n) < 0.7, cents // 10_000 * 10_000, cents)  # most awards are whole hundreds
    frame = pl.DataFrame(
        {
            "_unit": pl.repeat(cat.PROCUREMENT_UNIT, n, eager=True),
            "_late": np.zeros(n, dtype=bool),
            "_subject": supplier,
            "_kind": np.zeros(n, dtype=np.int8),
            "_award_cents": cents,
            "project_code": pl.select(
                pl.format("GLCZ-{}-{}", pl.lit(pl.Series(yr)), pl.lit(pl.Series(code_n)).cast(pl.String).str.zfill(4))
            ).to_series(),
            "lot_no": masked(pl.Series(lot_no).cast(pl.String), multi),
            "project_name": pl.select(
                pl.format(
                    "{}{}年{}",
                    pl.lit(pick(_PURCHASER_NAMES, purchaser)),
                    pl.lit(pl.Series(yr)),
                    pl.lit(
                        pick(cat.PROCUREMENT_GOODS, per_project(rng.integers(0, len(cat.PROCUREMENT_GOODS), n_proj)))
                    ),
                )
            ).to_series(),
            "purchaser": pick(_PURCHASER_NAMES, purchaser),
            "purchaser_uscc": pick(_PURCHASER_USCCS, purchaser),
            "procurement_method": pick(
                list(cat.PROCUREMENT_METHODS), per_project(choose(rng, cat.PROCUREMENT_METHODS, n_proj))
            ),
            "supplier_name": sup["name"],
            "supplier_uscc": sup["uscc"],
            "consortium_usccs": masked(members, rng.random(n) < 0.08),
            "bid_deadline": masked(bid, has_bid),
            "credit_checked_on": masked(check, has_check),
            "award_date": award,
            "contract_date": masked(contract, has_contract),
            "performance_status": masked(pick(["履约中", "履约完成"], done), has_contract),
            "acceptance_result": masked("合格", done),
            # no sample award is cancelled: a cancellation answers an 应限未限 alert, which the generator cannot see
            "cancelled_on": pl.repeat(None, n, dtype=pl.String, eager=True),
            "cancel_reason": pl.repeat(None, n, dtype=pl.String, eager=True),
            "source_unit": pl.repeat(cat.UNITS[cat.PROCUREMENT_UNIT].name, n, eager=True),
            "source_unit_uscc": pl.repeat(cat.unit_uscc(cat.PROCUREMENT_UNIT), n, eager=True),
            **no_meta(n),
        }
    )
    return frame


_LIST_YEARS = np.array([np.nan if x.years is None else x.years for x in cat.LIST_TYPES])


def build_upstream_lists(d: Day, n: int) -> pl.DataFrame:
    rng, types = d.rng, cat.LIST_TYPES
    t = rng.choice(len(types), n, p=np.array([x.weight for x in types]) / sum(x.weight for x in types))
    kinds = choose_kinds(rng, np.array([x.kinds for x in types])[t])
    subj = subject_columns(d.pool, d.pool.pick(rng, kinds, ranking="listed"))
    listed = np.datetime64(d.reported) - days(rng.integers(1, 31, n))
    yr = years_of(listed)
    valid_years = _LIST_YEARS[t]
    valid_until = listed + days((np.nan_to_num(valid_years) * 365).astype(int))
    removed = ~np.isnan(valid_years) & (rng.random(n) < 0.05)
    span = (np.datetime64(d.reported) - listed).astype(int)  # >= 1: removed by yesterday at the latest
    removed_on = listed + days(rng.integers(0, 1 << 30, n) % span)
    doc_n = d.counters.take("list", t, yr)
    frame = pl.DataFrame(
        {
            "_unit": pick([x.department_short for x in types], t),
            "_late": np.zeros(n, dtype=bool),
            "list_type": pick([x.name for x in types], t),
            "kind": pick([x.kind for x in types], t),
            "initiating_department": pick([x.department for x in types], t),
            "memorandum": pick([x.memorandum or None for x in types], t),
            "listed_on": listed,
            "valid_until": masked(valid_until, ~np.isnan(valid_years)),
            "removed_on": masked(removed_on, removed),
            "removal_reason": masked("已履行相关义务，经认定部门审核同意移出", removed),
            **no_meta(n),
        }
    )
    return pl.concat(
        [frame, subj.select("subject_name", "subject_type", "uscc", "person_id_no", "_subject", "_kind")],
        how="horizontal",
    ).with_columns(decision_doc_no=fill_pattern([x.doc for x in types], t, {"y": pl.Series(yr), "n": pl.Series(doc_n)}))


def _follow_ups(d: Day, n: int, prefix: str) -> tuple[dict, np.ndarray, np.ndarray, pl.DataFrame]:
    """Repairs and objections: n earlier accepted penalties of the same subjects, with a date between the
    penalty's delivery and yesterday, and how many days are left from that date up to yesterday."""
    hist = d.penalty_history
    earlier = hist.filter(pl.col("_report_day") < d.index) if hist is not None else pl.DataFrame()
    if earlier.height == 0 or n == 0:
        return {}, np.zeros(0, "datetime64[D]"), np.zeros(0, dtype=np.int64), earlier
    picked = earlier[d.rng.choice(earlier.height, n, replace=n > earlier.height)]
    n = picked.height
    first = np.datetime64(d.reported) - days(d.index - picked["_report_day"].to_numpy())
    span = (np.datetime64(d.reported) - first).astype(int)  # >= 1
    on = first + days(d.rng.integers(0, 1 << 30, n) % span)
    left = (np.datetime64(d.reported) - on).astype(int)  # >= 1
    subj = d.pool.frame[picked["_subject"].to_numpy()]
    yr = years_of(on)
    case_n = d.counters.take(prefix, np.zeros(n, dtype=np.int64), yr)
    columns = {
        "_unit": picked["_unit"],
        "_subject": picked["_subject"],
        "_kind": subj["kind"],
        "_late": np.zeros(n, dtype=bool),
        "case_no": pl.select(
            pl.format(
                f"{prefix}-{{}}-{{}}", pl.lit(pl.Series(yr)), pl.lit(pl.Series(case_n)).cast(pl.String).str.zfill(5)
            )
        ).to_series(),
        "subject_name": subj["name"],
        "uscc": subj["uscc"],
        "person_id_no": subj["person_id"],
        "record_doc_no": picked["decision_doc_no"],
        "handled_by": picked["_unit"].replace_strict(dict(zip(UNIT_KEYS, _UNIT_NAMES, strict=False))),
        **no_meta(n),
    }
    return columns, on, left, picked


def build_repairs(d: Day, n: int) -> pl.DataFrame:
    columns, applied, left, picked = _follow_ups(d, n, "GLXF")
    if not columns:
        return pl.DataFrame()
    rng, n = d.rng, len(applied)
    # 国家发展改革委令第36号: repair only after the minimum period (3 months general, 1 year serious).
    min_days = np.where(picked["_severity"].to_numpy() == "serious", 365, 91)
    eligible = (applied - picked["decision_date"].to_numpy().astype("datetime64[D]")).astype(int) >= min_days
    decided = rng.random(n) < np.where(eligible, 0.6, 0.4)
    return pl.DataFrame(
        {
            **columns,
            "applied_on": applied,
            "decision": masked(pick(["不同意", "同意"], eligible), decided),
            "decided_on": masked(applied + days(rng.integers(0, 1 << 30, n) % left), decided),
            "repair_kind": pl.repeat("终止公示", n, eager=True),
        }
    )


def build_objections(d: Day, n: int) -> pl.DataFrame:
    columns, accepted, left, picked = _follow_ups(d, n, "GLYY")
    if not columns:
        return pl.DataFrame()
    rng, n = d.rng, len(accepted)
    verdict = rng.choice(4, n, p=[0.5, 0.25, 0.15, 0.1])  # 0 = still being verified
    subj = d.pool.frame[picked["_subject"].to_numpy()]
    # 更正 names the corrected value: another person as legal representative, or the name on the licence.
    other_rep = d.pool.frame["legal_rep"].gather(d.pool.draw(rng, "supplier", n))
    correction = pl.select(
        pl.when(pl.lit(subj["legal_rep"]).is_not_null())
        .then(pl.concat_str([pl.lit("法定代表人="), pl.lit(other_rep)]))
        .otherwise(pl.concat_str([pl.lit("行政相对人名称="), pl.lit(subj["name"])]))
    ).to_series()
    return pl.DataFrame(
        {
            **columns,
            "claim": pick(cat.OBJECTION_CLAIMS, rng.integers(0, len(cat.OBJECTION_CLAIMS), n)),
            "accepted_on": accepted,
            "verdict": masked(pick(["", "维持", "更正", "撤销"], verdict), verdict > 0),
            "correction": masked(correction, verdict == 2),
            "closed_on": masked(accepted + days(rng.integers(0, 1 << 30, n) % left), verdict > 0),
        }
    )


_PROG_P = np.array([p.weight for p in cat.PROGRAMMES]) / sum(p.weight for p in cat.PROGRAMMES)
_PROG_KINDS = np.array([p.kinds for p in cat.PROGRAMMES])
_PROG_AMOUNT = np.array([p.amount for p in cat.PROGRAMMES], dtype=np.int64)
_PROG_UNIT = np.array([UNIT_KEYS.index(p.unit) for p in cat.PROGRAMMES])
APPLICATION_PENDING = 0.3  # share still awaiting a decision (审批结果 empty)
APPLICATION_LOOKBACK = 31  # applied at most 30 days before the reporting day
PENALISED_APPLICANTS = 0.15  # share of applicants drawn from subjects with an earlier accepted penalty
APPROVAL = (0.75, 0.35)  # chance of 同意 for a decided application: other applicants, penalised ones
REFUSED_ON_CREDIT = "申请人存在失信记录，依据失信联合惩戒措施不予支持"
REFUSED_OTHERWISE = "不符合申报条件"


def build_applications(d: Day, n: int) -> pl.DataFrame:
    """财政补助、政策扶持与PPP申请: applicants from the shared subject pool, some of them penalised earlier."""
    rng = d.rng
    prog = rng.choice(len(cat.PROGRAMMES), n, p=_PROG_P)
    kinds = choose_kinds(rng, _PROG_KINDS[prog])
    subject = d.pool.pick(rng, kinds)
    penalised = np.zeros(n, dtype=bool)
    hist = d.penalty_history
    earlier = (
        hist.filter(pl.col("_report_day") < d.index)["_subject"].to_numpy()
        if hist is not None
        else np.zeros(0, dtype=np.int64)
    )
    if len(earlier):  # a penalised subject applies, if the programme is open to its kind
        cand = earlier[rng.integers(0, len(earlier), n)]
        cand_kind = d.pool.frame["kind"].gather(cand).to_numpy().astype(np.int64)
        penalised = (rng.random(n) < PENALISED_APPLICANTS) & (_PROG_KINDS[prog, cand_kind] > 0)
        subject = np.where(penalised, cand, subject)
    reported = np.datetime64(d.reported)
    applied = reported - days(rng.integers(0, APPLICATION_LOOKBACK, n))
    span = (reported - applied).astype(int)  # >= 0: decided on the day applied at the earliest, today at the latest
    decided = rng.random(n) >= APPLICATION_PENDING
    decided_on = applied + days(rng.integers(0, 1 << 30, n) % (span + 1))
    approved = rng.random(n) < np.where(penalised, APPROVAL[1], APPROVAL[0])
    lo, hi = _PROG_AMOUNT[prog, 0], _PROG_AMOUNT[prog, 1]
    yuan = np.exp(rng.uniform(np.log(lo), np.log(hi)))  # log-uniform: many small grants, few large ones
    cents = np.where(
        rng.random(n) < 0.8, (yuan // 1000 * 1000).astype(np.int64) * 100, (yuan * 100).astype(np.int64)
    )  # most ask for whole thousands, some for an exact sum
    yr = years_of(applied)
    no = d.counters.take("application", np.zeros(n, dtype=np.int64), yr)
    subj = subject_columns(d.pool, subject)
    units = _PROG_UNIT[prog]
    frame = pl.DataFrame(
        {
            "_unit": pick(UNIT_KEYS, units),
            "_late": np.zeros(n, dtype=bool),
            "_penalised": penalised,
            "_amount_cents": cents,
            "application_no": pl.select(
                pl.format("SQ-{}-{}", pl.lit(pl.Series(yr)), pl.lit(pl.Series(no)).cast(pl.String).str.zfill(6))
            ).to_series(),
            "kind": pick([p.kind for p in cat.PROGRAMMES], prog),
            "applied_on": applied,
            # Rendered from _amount_cents; filled here so that defect injection sees the required column as filled.
            "amount_yuan": cents,
            "decision": masked(pick(["不同意", "同意"], approved), decided),
            "decided_on": masked(decided_on, decided),
            # a refused applicant with an earlier penalty is refused on credit grounds (审批意见 says so)
            "decision_reason": masked(pick([REFUSED_OTHERWISE, REFUSED_ON_CREDIT], penalised), decided & ~approved),
            "source_unit": pick(_UNIT_NAMES, units),
            "source_unit_uscc": pick(_UNIT_USCCS, units),
            **no_meta(n),
        }
    )
    return pl.concat(
        [frame, subj.select("subject_name", "subject_type", "uscc", "person_id_no", "_subject", "_kind")],
        how="horizontal",
    ).with_columns(programme=fill_pattern([p.name for p in cat.PROGRAMMES], prog, {"y": pl.Series(yr)}))


COMMITMENT_TYPES = ("审批替代型", "容缺受理型", "信用修复型", "行业自律型", "主动型")
COMMITMENT_TYPE_P = np.array([0.3, 0.3, 0.15, 0.1, 0.15])
COMMITMENT_MATTERS = (
    "政府采购代理机构登记",
    "财政补助资金申报",
    "政府采购供应商资格审查",
    "会计代理记账资格",
    "政策扶持资金申报",
)
COMMITMENT_CONTENT = {
    "审批替代型": "承诺所提交材料真实有效，并于承诺期限内补交证明材料；未按期补交的，自愿接受撤销审批及失信约束",
    "容缺受理型": "承诺于承诺期限内补齐容缺材料；逾期未补齐的，自愿接受撤销受理及相应失信约束",
    "信用修复型": "承诺已纠正失信行为、履行相关义务，今后依法诚信经营；违背承诺的，自愿接受相应惩戒",
    "行业自律型": "承诺遵守行业自律公约，依法诚信经营，接受社会监督",
    "主动型": "主动承诺依法依规开展经营活动，如有违反，自愿承担相应法律责任",
}
COMMITMENT_LOOKBACK = 90  # made at most 90 days before the reporting day
COMMITMENT_PUBLICITY = ("网站公示", "现场公示", "不公开")


def build_commitments(d: Day, n: int) -> pl.DataFrame:
    """信用承诺书: commitments with the receiving unit's check as of the reporting day. Those in place of a document
    (审批替代型, 容缺受理型) have a due date: most are checked fulfilled, some broken, some overdue unchecked;
    信用修复型 ones are made by subjects with an earlier accepted penalty, naming it."""
    rng = d.rng
    kind_of = rng.choice(len(COMMITMENT_TYPES), n, p=COMMITMENT_TYPE_P)
    subject = d.pool.pick(rng, rng.choice(3, n, p=[0.75, 0.15, 0.1]))
    matter = pick(COMMITMENT_MATTERS, rng.integers(0, len(COMMITMENT_MATTERS), n)).to_numpy().astype(object)
    hist = d.penalty_history
    earlier = hist.filter(pl.col("_report_day") < d.index) if hist is not None else pl.DataFrame()
    repair = kind_of == COMMITMENT_TYPES.index("信用修复型")
    if earlier.height and repair.any():  # the penalised subject commits, naming the penalty to be repaired
        picked = earlier[rng.integers(0, earlier.height, int(repair.sum()))]
        subject[repair] = picked["_subject"].to_numpy()
        matter[repair] = np.array(picked["decision_doc_no"].to_list(), dtype=object)
    else:
        kind_of[repair] = COMMITMENT_TYPES.index("主动型")
    reported = np.datetime64(d.reported)
    made = reported - days(rng.integers(0, COMMITMENT_LOOKBACK, n))
    has_due = kind_of <= 1
    due = made + days(rng.integers(7, 46, n))
    overdue = has_due & (due < reported)
    roll = rng.random(n)
    # past its due date: kept 70%, broken 15%, unchecked 15%; not yet due: checked kept early 20%; no due date:
    # kept 40%, broken 10%
    kept = np.where(overdue, roll < 0.7, np.where(has_due, roll < 0.2, roll < 0.4))
    broken = np.where(overdue, (roll >= 0.7) & (roll < 0.85), ~has_due & (roll >= 0.4) & (roll < 0.5))
    span = np.maximum((reported - made).astype(int), 0)
    checked_kept = made + days(
        rng.integers(0, 1 << 30, n) % (np.where(has_due, np.minimum(span, (due - made).astype(int)), span) + 1)
    )
    # a broken commitment is found at a check after its due date (or at any check when it has none)
    after_due = np.where(has_due, due + days(1), made)
    checked_broken = after_due + days(
        rng.integers(0, 1 << 30, n) % (np.maximum((reported - after_due).astype(int), 0) + 1)
    )
    checked = np.where(kept, checked_kept, checked_broken)
    yr = years_of(made)
    no = d.counters.take("commitment", np.zeros(n, dtype=np.int64), yr)
    units = rng.integers(0, len(UNIT_KEYS), n)
    subj = subject_columns(d.pool, subject)
    frame = pl.DataFrame(
        {
            "_unit": pick(UNIT_KEYS, units),
            "_late": np.zeros(n, dtype=bool),
            "commitment_no": pl.select(
                pl.format("GLCN-{}-{}", pl.lit(pl.Series(yr)), pl.lit(pl.Series(no)).cast(pl.String).str.zfill(6))
            ).to_series(),
            "commitment_type": pick(COMMITMENT_TYPES, kind_of),
            "matter": pl.Series(matter.tolist(), dtype=pl.String),
            "content": pick([COMMITMENT_CONTENT[t] for t in COMMITMENT_TYPES], kind_of),
            "committed_on": made,
            "due_on": masked(due, has_due),
            "accepting_unit": pick(_UNIT_NAMES, units),
            "publicity": pick(COMMITMENT_PUBLICITY, rng.choice(3, n, p=[0.8, 0.1, 0.1])),
            "fulfilment": masked(
                pick(["履约中", "履约", "未履约"], kept * 1 + broken * 2), kept | broken | (has_due & ~overdue)
            ),
            "checked_on": masked(checked, kept | broken),
            **no_meta(n),
        }
    )
    return pl.concat(
        [frame, subj.select("subject_name", "subject_type", "uscc", "person_id_no", "_subject", "_kind")],
        how="horizontal",
    )


BUILDERS = {
    "licenses": build_licenses,
    "penalties": build_penalties,
    "procurement": build_procurement,
    "upstream_lists": build_upstream_lists,
    "repairs": build_repairs,
    "objections": build_objections,
    "applications": build_applications,
    "commitments": build_commitments,
}
