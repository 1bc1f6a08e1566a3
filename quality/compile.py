"""Compiles rules.csv into the validator's SQL: one boolean per rule, evaluated in a single pass.

The only text assembled here is identifiers from the source registry (checked) and calls of the macros
in sql/validation/rule_kinds.sql; every value a rule carries (enumerations, patterns) is bound as a named
parameter ($<rule id>_...), never written into the SQL.
"""

from __future__ import annotations

import re
from functools import cache

from creditwh.platform.sources import get_source
from quality.rules import Rule, rules_for

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def _col(name: str, typed: bool = False) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a column name: {name!r}")
    return name if typed else f"raw_row.{name}"


def _applies(rule: Rule, params: dict) -> str:
    """The condition under which a rule applies at all ('true' when unconditional)."""
    conditions = []
    when = rule.params.get("when")
    if when:
        key = f"{rule.id.lower()}_when"
        if "in" in when:
            params[key] = when["in"]
            cond = f"list_contains(${key}, {_col(when['field'], typed=True)})"
            if when.get("or_null"):
                cond = f"({cond} or {_col(when['field'], typed=True)} is null)"
        else:
            params[key] = when["matches"]
            cond = f"regexp_matches(coalesce({_col(when['field'], typed=True)}, ''), ${key})"
        conditions.append(cond)
    source = get_source(rule.source)
    if rule.kind == "required" and source.old_fields and rule.field not in {f.canonical for f in source.old_fields}:
        # The 2015/16 template has no such column: its rows cannot be asked for it.
        conditions.append("header_style <> 'old_template'")
    return " and ".join(conditions) or "true"


@cache
def parsed_fields(source: str) -> tuple[str, ...]:
    """Fields the typed step parses (dates, amounts): their rules must see the text as delivered."""
    return tuple(sorted({r.field for r in rules_for(source) if r.kind in ("date", "number")}))


def _value(source: str, field: str) -> str:
    """The delivered text for a parsed field; for a text field the typed column (trimmed, same emptiness)."""
    return _col(field) if field in parsed_fields(source) else _col(field, typed=True)


def rule_expression(rule: Rule, params: dict) -> str:
    """SQL that is true when the row passes the rule (NULL counts as a pass)."""
    f, p, key = rule.field, rule.params, rule.id.lower()
    applies = _applies(rule, params)
    raw = _value(rule.source, f)
    if rule.kind == "required":
        return f"ops.ok_required({raw}, {applies})"
    if rule.kind == "required_one_of":
        return "(" + " or ".join(f"ops.ok_required({_value(rule.source, x)}, true)" for x in p["fields"]) + ")"
    if rule.kind in ("enum", "enum_multi"):
        params[f"{key}_values"] = p["values"]
        params[f"{key}_other"] = p.get("other_prefix") or "\u0000"  # a prefix no real value starts with
        return f"ops.ok_{rule.kind}({raw}, ${key}_values, ${key}_other)"
    # Codes are checked on the typed column, already trimmed and upper-cased once: macros expand their
    # argument at every use, and a check character reads it 18 times.
    if rule.kind in ("uscc", "uscc_list", "org_code"):
        return f"ops.ok_{rule.kind}({_col(f, typed=True)})"
    if rule.kind in ("date", "number"):
        # parsed once in the typed step (an open-ended 长期 parses there too, as 9999-12-31)
        return f"ops.ok_parsed({_col(f)}, {_col(f, typed=True)})"
    if rule.kind == "non_negative":
        return f"ops.ok_non_negative({_col(f, typed=True)})"
    if rule.kind == "id_number":
        return f"(not ({applies}) or ops.ok_id_number({_col(f, typed=True)}, reporting_date))"
    if rule.kind == "date_order":
        return f"ops.ok_date_order({_col(f, typed=True)}, {_col(p['later'], typed=True)})"
    if rule.kind == "amount_unit":
        # the typed step reads the yuan amount out of the text once (fine_yuan_in_content)
        return f"ops.ok_amount_unit({_col(f, typed=True)}, fine_yuan_in_content)"
    if rule.kind == "unique_in_file":
        # the first copy in a file stands; later copies of the same key in that file are duplicates
        return "(first_row_of_key is null or source_row = first_row_of_key)"
    if rule.kind == "same_day_conflict":
        # another file of the same day holds the record in other content: every version is held until one is re-sent
        return "(same_day_versions is null)"
    if rule.kind == "on_time":
        return "coalesce(reported_on_time, true)"
    if rule.kind == "no_control_chars":
        # read from the delivered value once per row in raw_struct (staging has already removed them)
        return f"ops.ok_no_control_chars(raw_row.control_fields, '{_col(f, typed=True)}')"
    if rule.kind == "excel_number":
        # a value of the number form that passes the field's own check is a real code
        code = _col(f, typed=True)
        valid = {"uscc": f"staging.uscc_valid({code})", "id_number": f"staging.id_valid({code}, reporting_date)"}
        return f"(not ({applies}) or ops.ok_excel_number({code}, {valid[p['check']]}))"
    if rule.kind == "plain_code":
        # read from the delivered value once per row in raw_struct, like control characters
        return f"ops.ok_plain_code(raw_row.cleaned_fields, '{_col(f, typed=True)}')"
    if rule.kind == "no_id_in_text":
        # the macro's first test (15 digits in a run) is all that most texts cost
        return f"ops.ok_no_id_in_text({_col(f, typed=True)})"
    raise ValueError(f"{rule.id}: no SQL for kind {rule.kind}")


@cache
def control_checked_fields(source: str) -> tuple[str, ...]:
    """Fields whose delivered value is checked for control characters (rule kind no_control_chars)."""
    return tuple(sorted({r.field for r in rules_for(source) if r.kind == "no_control_chars"}))


@cache
def plain_code_fields(source: str) -> tuple[str, ...]:
    """Code fields whose delivered value is checked for invisible or full-width characters (rule kind plain_code)."""
    return tuple(sorted({r.field for r in rules_for(source) if r.kind == "plain_code"}))


def _flagged_fields(tests: list[str], fields: tuple[str, ...]) -> str:
    """The fields whose test holds, built only for the rare rows where one does (null for the others)."""
    flags = ", ".join(f"case when {t} then '{_col(x, typed=True)}' end" for t, x in zip(tests, fields, strict=True))
    return f"case when {' or '.join(tests)} then list_filter([{flags}], field -> field is not null) end"


def raw_struct(source: str) -> str:
    """Only what the checks read of the delivered row is carried into the validator, not the whole raw row: the
    parsed fields' text, and the lists of fields that held a control character, or a code that held invisible or
    full-width characters (null when none did)."""
    entries = [f"{_col(x, typed=True)} := typed.raw_row.{_col(x, typed=True)}" for x in parsed_fields(source)]
    checked = control_checked_fields(source)
    if checked:
        # staging.has_controls is cheap (a JSON length first): the list is built only for the rare rows that hold one.
        # (One to_json of the whole raw row instead cost ten times the field-by-field test at a million rows.)
        tests = [f"staging.has_controls(typed.raw_row.{_col(x, typed=True)})" for x in checked]
        entries.append(f"control_fields := {_flagged_fields(tests, checked)}")
    codes = plain_code_fields(source)
    if codes:
        # a list of codes (consortium members) is cleaned member by member
        lists = {r.field for r in rules_for(source) if r.kind == "uscc_list"}
        tests = [
            f"staging.codes_were_cleaned(typed.raw_row.{_col(x, typed=True)})"
            if x in lists
            else f"staging.code_was_cleaned(typed.{_col(x, typed=True)}, typed.raw_row.{_col(x, typed=True)})"
            for x in codes
        ]
        entries.append(f"cleaned_fields := {_flagged_fields(tests, codes)}")
    if not entries:
        return "null"
    return "struct_pack(" + ", ".join(entries) + ")"


def compile_checks(source: str) -> tuple[str, dict]:
    """A SQL list of the ids of the rules each row fails, and the parameters it needs."""
    params: dict = {}
    items = [
        f"case when not coalesce({rule_expression(r, params)}, true) then '{r.id}' end"
        for r in rules_for(source)
        if _IDENT.match(r.id.lower())
    ]
    return "list_filter([\n        " + ",\n        ".join(items) + "\n    ], x -> x is not null)", params
