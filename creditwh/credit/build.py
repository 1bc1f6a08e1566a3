"""Builds the core model and the credit marts from staging, under the policy file."""

from __future__ import annotations

from datetime import date

import duckdb

from creditwh.credit import by_record, by_subject
from creditwh.platform import catalog, manifest
from creditwh.platform.codes import read_code
from creditwh.platform.config import REPO_ROOT, id_salt
from creditwh.platform.policy import load_policy
from creditwh.platform.sql import execute, sql, statements

MEASURES_FILE = REPO_ROOT / "policy" / "measures.csv"
VERDICTS_FILE = REPO_ROOT / "policy" / "verdicts.csv"


def policy_params() -> dict:
    p = load_policy()
    sev, score, lists = p["severity"], p["score"], p["lists"]
    return {
        "salt": id_salt(),
        "policy_version": str(p["version"]),
        "serious_categories": sev["serious"]["categories"],
        "serious_fine": sev["serious"]["fine_at_least_10k_yuan"],
        "minor_only": sev["minor"]["only_categories"],
        "minor_fine_org": sev["minor"]["fine_at_most_10k_yuan"]["organisation"],
        "minor_fine_person": sev["minor"]["fine_at_most_10k_yuan"]["person"],
        "breach_months": score["performance_breach_months"],
        "base_score": score["base"],
        "deduct_serious": score["deduction"]["serious"],
        "deduct_general": score["deduction"]["general"],
        "deduct_minor": score["deduction"]["minor"],
        "deduct_upstream": score["deduction"]["upstream_punishment"],
        "deduct_ban": score["deduction"]["procurement_ban"],
        "after_min_factor": score["after_min_period_factor"],
        "bonus_reward": score["bonus"]["upstream_reward"],
        "bonus_license": score["bonus"]["license"],
        "bonus_cap": score["bonus_cap"],
        "grades": sorted(p["grades"], key=lambda g: -g["min_score"]),
        "clean_years": lists["red"]["clean_years"],
        "black_serious_penalty": bool(lists["black"]["serious_penalty"]),
        "black_upstream": bool(lists["black"]["upstream_punishment"]),
        "black_ban": bool(lists["black"]["procurement_ban"]),
        "red_upstream_reward": bool(lists["red"]["upstream_reward"]),
        "cap_black": p["class_caps"]["black_listed"],
        "cap_record": p["class_caps"]["record_in_force"],
        "major_categories": p["screening"]["major_violation"]["categories"],
        "major_fine": p["screening"]["major_violation"]["fine_at_least_10k_yuan"],
        "major_years": p["screening"]["major_violation"]["look_back_years"],
        "major_applies_to": p["screening"]["major_violation"]["applies_to"],
        "credit_reason_pattern": p["screening"]["credit_reason_pattern"],
        "notice_working_days": lists["black"]["notice_working_days"],
        "ban_pattern": p["procurement_ban"]["pattern"],
        "ban_term_pattern": p["procurement_ban"]["term_pattern"],
        "ban_numerals": [str(k) for k in p["procurement_ban"]["term_years"]],
        "ban_numeral_years": [int(v) for v in p["procurement_ban"]["term_years"].values()],
        "ban_unstated_years": p["procurement_ban"]["unstated_years"],
        "ban_basis": p["procurement_ban"]["basis"],
        **commitment_params(p),
    }


def commitment_params(p: dict) -> dict:
    """policy commitments (事前信用承诺), with its defaults: a policy file without the section still builds."""
    c = p.get("commitments") or {}
    return {
        "commitment_breach_severity": c.get("breach_severity", "general"),
        "green_channel_types": list(c.get("green_channel_types", ["审批替代型", "容缺受理型"])),
        "green_channel_measures": list(c.get("green_channel_measures", ["R01", "R04"])),
        "repair_commitment_type": c.get("repair_type", "信用修复型"),
        "public_publicity": list(c.get("public_publicity", ["网站公示", "现场公示"])),
    }


def _regimes() -> list[dict]:
    out = []
    for r in load_policy()["publicity_regimes"]:
        out.append(
            {
                "name": r["name"],
                "from": _date(r["from"]),
                "to": _date(r["to"]),
                "general_min": r["general"]["min_months"],
                "general_max": r["general"]["max_months"],
                "serious_min": r["serious"]["min_months"],
                "serious_max": r["serious"]["max_months"],
                "minor_max": (r.get("minor") or {}).get("max_months"),
            }
        )
    return out


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


PREPARE_FILES = ("credit/macros", "credit/policy_tables")  # run before every step, in its transaction


def prepare_core(con) -> None:
    """Macros and policy tables the core steps read."""
    params = {"regimes": _regimes(), "measures_path": str(MEASURES_FILE), "verdicts_path": str(VERDICTS_FILE)}
    for name in PREPARE_FILES:
        execute(con, name, params)


# Tables a step now defines as views: a warehouse built by older code holds the table, which CREATE OR REPLACE
# VIEW cannot replace.
NOW_VIEWS = {"screening/screening_reasons": [("marts", "screening_reasons")]}


def build_step(con, step: str) -> manifest.Refreshed | None:
    """Rebuild one core or mart table (sql/<step>.sql) in its own transaction; for a table kept by subject or by
    record, what was recomputed."""
    params = policy_params()
    con.execute("begin transaction")
    try:
        prepare_core(con)
        for schema, name in NOW_VIEWS.get(step, ()):
            if catalog.relation_kind(con, schema, name) == "table":
                catalog.drop(con, "table", f"{schema}.{name}")
        refreshed = None
        if step in by_subject.MARTS:
            refreshed = by_subject.refresh(con, by_subject.MARTS[step], params)
        elif step in by_record.TABLES:
            refreshed = by_record.refresh(con, by_record.TABLES[step], params)
        execute(con, step, params)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    if step in by_record.TABLES:
        by_record.purge(con)
    return refreshed


def step_files(step: str) -> tuple[str, ...]:
    """Every sql file build_step(step) runs: what its asset's deps are derived from."""
    files: tuple[str, ...] = (*PREPARE_FILES, step)
    if step in by_subject.MARTS:
        mart = by_subject.MARTS[step]
        files += (mart.rows, mart.inputs, *mart.uses, *((mart.widen,) if mart.widen else ()), *by_subject.MACHINERY)
    if step in by_record.TABLES:
        kept = by_record.TABLES[step]
        files += tuple(
            f
            for f in (
                kept.rows,
                kept.added,
                kept.record,
                *(kept.state.files() if kept.state else ()),
                *(f for _, f in kept.shared),
                *kept.uses,
                *kept.prepare,
            )
            if f
        )
        files += by_record.MACHINERY
    return files


def render_step(step: str) -> str:
    """The statements a whole build of the step runs, compiled (fragments and identifiers filled), for reading:
    the shared macros first, then the table's rows through the rebuild, then the step's own file."""
    sections = [(f"sql/{name}.sql", sql(name)) for name in PREPARE_FILES]
    kept = by_subject.MARTS.get(step) or by_record.TABLES.get(step)
    if kept is not None:
        if step in by_record.TABLES:
            sections += [(f"sql/{name}.sql", sql(name)) for name in by_record.TABLES[step].prepare]
        if step in by_subject.MARTS:
            rows = by_subject.MARTS[step].rows_sql(by_subject.ALL)
        else:
            rows = by_record.TABLES[step].rows_sql(by_record.ALL)
        rebuild = sql("platform/rebuild_table", {"rows": rows, "layout": kept.layout}, table=kept.table)
        sections.append((f"sql/platform/rebuild_table.sql over sql/{kept.rows}.sql (a whole build)", rebuild))
    sections.append((f"sql/{step}.sql", sql(step)))
    out = [f"-- compiled by `creditwh sql render` from sql/{step}.sql: do not edit; parameters stay $named\n"]
    with duckdb.connect() as con:
        for label, text in sections:
            out.append(f"\n-- ── {label} ──\n")
            out += [statement.query.strip().rstrip(";") + ";\n" for statement in statements(con, text)]
    return "".join(out)


class InvalidCode(ValueError):
    """A code that, read as meant, is neither a valid USCC nor a valid ID number: never answered as clean."""


def credit_check(con, code: str, as_of: date, known: str = "then") -> dict:
    """The subject's standing on as_of, as known that day (known="then"), or as now known to have been true that day
    (known="now"). A code that is no valid USCC or ID number raises InvalidCode, saying which check failed: a
    mistyped code must not read as a clean record."""
    reading = read_code(code, as_of)
    if reading.problem is not None:
        raise InvalidCode(reading.problem)
    con.execute("set variable credit_id_salt = ?", [id_salt()])
    cursor = execute(con, "credit/check_one", {"code": reading.code, "as_of": as_of, "known": known})
    names = [d[0] for d in cursor.description]
    result = dict(zip(names, cursor.fetchone(), strict=False))
    # most subjects are on no list: no publication days to look up
    published = _published(con, result["subject_key"], as_of) if result["lists"] else {}
    return _with_publication_days(result, published)


def credit_check_batch(con, codes: list[str], as_of: date, known: str = "then") -> dict[str, dict]:
    """Many checks as one set-based query (marts.credit_checks): each code's answer, the same as credit_check's for
    it. A code that is no valid USCC or ID number answers {"problem": why} instead of raising: one mistyped code
    must neither stop the batch nor read as a clean record."""
    readings = {code: read_code(code, as_of) for code in dict.fromkeys(codes)}
    out: dict[str, dict] = {code: {"problem": r.problem} for code, r in readings.items() if r.problem is not None}
    asked = {code: r.code for code, r in readings.items() if r.problem is None}
    answers = _checks(con, sorted(set(asked.values())), as_of, known)
    return out | {code: answers[read] for code, read in asked.items()}


def credit_check_keys(con, subject_keys: list[str], as_of: date, known: str = "then") -> dict[str, dict]:
    """credit_check_batch for subjects named by their key (a USCC, or a person's P + 24 hex digits), as an issued
    check record names them: how `creditwh verify` re-derives a record without an ID number."""
    return _checks(con, sorted(set(subject_keys)), as_of, known)


def _checks(con, codes: list[str], as_of: date, known: str) -> dict[str, dict]:
    """marts.credit_checks for codes already read (a USCC, an ID number or a subject key): each asked code's answer,
    with the day a list file first carried each list entry it shows."""
    con.execute("set variable credit_id_salt = ?", [id_salt()])
    cursor = execute(con, "credit/check_batch", {"codes": codes, "as_of": as_of, "known": known})
    names = [d[0] for d in cursor.description]
    rows = {row["asked_code"]: row for row in (dict(zip(names, r, strict=True)) for r in cursor.fetchall())}
    published = _published_batch(con, _listed(rows.values()), as_of)
    return {
        code: _with_publication_days(
            {k: v for k, v in row.items() if k != "asked_code"}, published.get(row["subject_key"], {})
        )
        for code, row in rows.items()
    }


def _listed(rows) -> list[str]:
    """The subjects of the answers that show a list entry: only theirs have publication days to look up."""
    return [r["subject_key"] for r in rows if r["subject_key"] and r["lists"]]


def _with_publication_days(result: dict, published: dict[str, list[date]]) -> dict:
    for entry in result["lists"] or []:
        # the first day a list file carried the subject on this list since the entry (None: not published)
        days = [d for d in published.get(entry["list"], []) if d >= entry["entered_on"]]
        entry["published_on"] = min(days, default=None)
    return result


def _published_batch(con, subject_keys: list[str], as_of: date) -> dict[str, dict[str, list[date]]]:
    """_published for many subjects in one query."""
    if not subject_keys or not catalog.table_exists(con, "publish.list_publication_log"):
        return {}
    out: dict[str, dict[str, list[date]]] = {}
    rows = execute(con, "credit/check_published_batch", {"subject_keys": subject_keys, "as_of": as_of}).fetchall()
    for key, name, day in rows:
        out.setdefault(key, {}).setdefault(name, []).append(day)
    return out


def _published(con, subject_key: str | None, as_of: date) -> dict[str, list[date]]:
    """Publication days per list from the publication log; a warehouse that never published has none."""
    if subject_key is None or not catalog.table_exists(con, "publish.list_publication_log"):
        return {}
    out: dict[str, list[date]] = {}
    for name, day in execute(con, "credit/check_published", {"subject_key": subject_key, "as_of": as_of}).fetchall():
        out.setdefault(name, []).append(day)
    return out
