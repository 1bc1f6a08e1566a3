"""The sample generator's contract: deterministic, realistic formats, valid codes on clean rows, and a manifest
whose every defect sits at the row it names and is caught by the rules, while clean rows pass them all."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import openpyxl
import pytest
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

from creditwh.ingest.headers import map_headers, normalize_header
from creditwh.sample import generate, scale_for_rows
from creditwh.sample import generator as sample_generator
from creditwh.sample.codes import is_valid_org_code, is_valid_uscc
from creditwh.sample.registry import GENERATED, SOURCES

# A high defect rate so that every kind of defect occurs in a small, fast run; days >= 10 for bad_encoding.
RUN = dict(days=12, scale=0.8, seed=7, defect_rate=0.2)

USCC_FIELDS = ("uscc", "authority_uscc", "source_unit_uscc", "purchaser_uscc", "supplier_uscc")
ID_FIELDS = ("person_id_no", "legal_rep_id_no")
ART9 = {
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
    "其他",
}
ENUMS = {
    "subject_type": {"法人及非法人组织", "自然人", "个体工商户"},
    "license_category": {"普通", "特许", "认可", "核准", "登记", "其他"},
    "procurement_method": {
        "公开招标",
        "邀请招标",
        "竞争性谈判",
        "竞争性磋商",
        "询价",
        "单一来源",
        "框架协议采购",
        "合作创新采购",
    },
    "kind": {"惩戒", "激励"},
    "decision": {"同意", "不同意"},
    "repair_kind": {"终止公示", "移出名单"},
    "verdict": {"维持", "更正", "撤销"},
}
ENUMS_BY_SOURCE = {
    "applications": {**ENUMS, "kind": {"财政补助", "政策扶持", "PPP"}},
    "commitments": {
        **ENUMS,
        "commitment_type": {"审批替代型", "容缺受理型", "信用修复型", "行业自律型", "主动型"},
        "publicity": {"网站公示", "现场公示", "不公开"},
        "fulfilment": {"履约", "未履约", "履约中"},
    },
}
AMOUNTS = ("fine_10k_yuan", "confiscated_10k_yuan", "award_amount_yuan", "amount_yuan")
DATES = {
    "licenses": ("decision_date", "valid_from", "valid_to"),
    "penalties": ("decision_date", "penalty_valid_to", "publicity_until"),
    "procurement": ("bid_deadline", "credit_checked_on", "award_date", "contract_date"),
    "upstream_lists": ("listed_on", "valid_until", "removed_on"),
    "repairs": ("applied_on", "decided_on"),
    "objections": ("accepted_on", "closed_on"),
    "applications": ("applied_on", "decided_on"),
    "commitments": ("committed_on", "due_on", "checked_on"),
}
EVENT = {
    "licenses": "decision_date",
    "penalties": "decision_date",
    "procurement": "award_date",
    "upstream_lists": "listed_on",
    "repairs": "applied_on",
    "objections": "accepted_on",
    "applications": "applied_on",
    "commitments": "committed_on",
}
# (earlier, later): the later date may not precede the earlier one.
ORDER = {
    "licenses": (("valid_from", "valid_to"), ("decision_date", "valid_to")),
    "penalties": (("decision_date", "penalty_valid_to"),),
    "procurement": (("bid_deadline", "award_date"),),
    "upstream_lists": (("listed_on", "valid_until"),),
    "repairs": (("applied_on", "decided_on"),),
    "objections": (("accepted_on", "closed_on"),),
    "applications": (("applied_on", "decided_on"),),
    "commitments": (("committed_on", "due_on"), ("committed_on", "checked_on")),
}
IMPOSSIBLE = object()


@dataclass
class Row:
    file: str
    source: str
    reported: date
    source_row: int
    values: dict  # canonical column -> cell as read
    cells: tuple
    width: int  # header width
    entry: dict


# ---------------------------------------------------------------- reading the tree back, as an ingest would


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_table(out: Path, entry: dict) -> tuple[list, list[tuple[int, tuple]]]:
    """Header cells and (source_row, cells) of each record."""
    path = out / entry["file"]
    if entry["format"] == "xlsx":
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        t = entry["title_rows"]
        return list(rows[t]), [(t + 2 + i, r) for i, r in enumerate(rows[t + 1 :])]
    records = list(csv.reader(io.StringIO(decode(path.read_bytes()), newline="")))
    return records[0], [(i + 2, tuple(r)) for i, r in enumerate(records[1:])]


def columns_of(source: str, header: list) -> tuple[str, ...]:
    """Canonical columns of a header row: the warehouse's mapping, or the field table while the registry lacks
    the source."""
    try:
        return map_headers(source, header).columns
    except ValueError:
        names = {normalize_header(n): f.canonical for f in SOURCES[source].fields for n in (f.code, f.name_zh)}
        return tuple(names.get(normalize_header(h), f"x__{h}") for h in header)


def load(out: Path, summary: dict) -> list[Row]:
    rows = []
    for entry in summary["files"]:
        if entry["bad_encoding"] or entry["duplicate_of"]:
            continue
        header, records = read_table(out, entry)
        columns = columns_of(entry["source"], header)
        for source_row, cells in records:
            values = {c: (None if v in ("", None) else v) for c, v in zip(columns, cells, strict=False)}
            rows.append(
                Row(
                    entry["file"],
                    entry["source"],
                    date.fromisoformat(entry["reporting_date"]),
                    source_row,
                    values,
                    tuple(cells),
                    len(header),
                    entry,
                )
            )
    return rows


def manifest(out: Path) -> list[dict]:
    with open(out / "_manifest" / "defects.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- the rules, written independently of the generator


def parse_date(v):
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, (int, float)):  # an Excel serial number
        return date(1899, 12, 30) + timedelta(days=int(v))
    if v == "长期":
        return date.max
    m = (
        re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
        or re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", v)
        or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", v)
        or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", v)
    )
    try:
        return date(*map(int, m.groups()))
    except (AttributeError, ValueError):
        return IMPOSSIBLE


def is_late(decided: date, reported: date) -> bool:
    """Reported after the 7th working day following the decision day."""
    d, count = decided, 0
    while count < 7:
        d += timedelta(days=1)
        count += chinese_calendar.is_workday(d)
    return reported > d


def uscc_problem(code: str) -> str | None:
    if not is_valid_uscc(code):
        return "bad_uscc_check"
    return None if is_valid_org_code(code[8:17]) else "bad_org_code_check"


def problems(row: Row) -> set[str]:
    """Every rule a row breaks, named like the manifest's defect codes."""
    v, src, found = row.values, row.source, set()
    if row.entry["format"] == "csv" and len(row.cells) != row.width:
        return {"ragged_line"}
    codes = [v.get(f) for f in USCC_FIELDS] + (v.get("consortium_usccs") or "").split(";")
    found |= {p for c in codes if c for p in [uscc_problem(c)] if p}
    for f in ID_FIELDS:
        if v.get(f):
            if ric.calc_check_digit(v[f]) != v[f][-1]:
                found.add("bad_id_check")
            elif ric.get_birth_date(v[f]) > row.reported:
                found.add("id_future_birth")
    required = [
        f.canonical
        for f in SOURCES[src].fields
        if f.required == "yes" and f.canonical in v and f.canonical != SOURCES[src].key_column
    ]
    kind = v.get("subject_type")
    if "subject_type" in v:  # conditional rules need the subject type (current templates)
        needs = {
            "法人及非法人组织": ["uscc", "legal_rep"],
            "个体工商户": ["uscc"] if src != "upstream_lists" else [],
            "自然人": ["person_id_type", "person_id_no"],
        }.get(kind, [])
        required += [f for f in needs if f in v]
        cats = v.get("penalty_categories") or ""
        required += [
            f
            for f, k in (
                ("fine_10k_yuan", "罚款"),
                ("confiscated_10k_yuan", "没收"),
                ("suspended_licence", "暂扣"),
                ("suspended_licence", "吊销"),
            )
            if k in cats and f in v
        ]
    if any(v.get(f) is None for f in required):
        found.add("missing_required")
    for f, allowed in ENUMS_BY_SOURCE.get(src, ENUMS).items():
        if v.get(f) is not None and v[f] not in allowed:
            found.add("bad_enum")
    for f in ("penalty_categories", "penalty_categories_2"):
        if v.get(f) and any(c not in ART9 and not c.startswith("其他-") for c in v[f].split(";")):
            found.add("bad_enum")
    dates = {f: parse_date(v.get(f)) for f in DATES[src] if f in v}
    if IMPOSSIBLE in dates.values():
        return found | {"impossible_date"}
    event = dates.get(EVENT[src])
    if event and event > row.reported:
        found.add("decision_after_reporting")
    for earlier, later in ORDER[src]:
        if dates.get(earlier) and dates.get(later) and dates[later] < dates[earlier]:
            found.add("date_order")
    amounts = {f: float(v[f]) for f in AMOUNTS if v.get(f)}
    if any(a < 0 for a in amounts.values()):
        found.add("negative_amount")
    content = v.get("penalty_content") or ""
    stated = re.search(r"罚款人民币(\d+)元", content)
    if stated and amounts.get("fine_10k_yuan", -1) >= 0 and "fine_10k_yuan" in amounts:
        yuan, wan = int(stated.group(1)), amounts["fine_10k_yuan"]
        if abs(wan * 10_000 - yuan) > 0.5:
            found.add("fine_in_yuan" if abs(wan - yuan) < 1e-6 else "fine_mismatch")
    if src in ("licenses", "penalties") and event and event <= row.reported and is_late(event, row.reported):
        found.add("late_report")
    return found


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("landing")
    summary = generate(out, **RUN)
    return out, summary, load(out, summary), manifest(out)


def listed(man: list[dict]) -> dict[tuple[str, int], dict]:
    return {(m["file"], int(m["source_row"])): m for m in man if m["source_row"]}


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- determinism


def test_same_seed_gives_byte_identical_tree_and_other_seed_differs(tmp_path):
    params = dict(days=3, scale=0.4)
    a, b, c = (generate(tmp_path / name, seed=seed, **params) for name, seed in (("a", 1), ("b", 1), ("c", 2)))
    assert a == b
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    assert tree_hash(tmp_path / "a") != tree_hash(tmp_path / "c")


def test_a_rerun_into_the_same_folder_replaces_the_earlier_tree(tmp_path):
    generate(tmp_path, days=3, scale=0.4, seed=1)
    first = tree_hash(tmp_path)
    generate(tmp_path, days=2, scale=0.4, seed=5)
    generate(tmp_path, days=3, scale=0.4, seed=1)
    assert tree_hash(tmp_path) == first


# ---------------------------------------------------------------- the manifest against the files


def test_clean_rows_pass_every_rule(run):
    _, _, rows, man = run
    defects = listed(man)
    failures = [
        (r.file, r.source_row, problems(r)) for r in rows if (r.file, r.source_row) not in defects and problems(r)
    ]
    assert not failures, failures[:5]
    assert len(rows) - len(defects) > 500


def test_every_manifest_row_points_at_its_record_and_breaks_exactly_its_rule(run):
    _, _, rows, man = run
    by_place = {(r.file, r.source_row): r for r in rows}
    keys = {s: SOURCES[s].key_column for s in SOURCES}
    for m in man:
        if not m["source_row"]:
            continue
        row = by_place[(m["file"], int(m["source_row"]))]
        assert row.values[keys[m["source"]]] == m["record_key"], m
        assert m["sheet"] == (row.entry["sheet"] or "")
        if m["defect"] == "duplicate_in_file":
            first = by_place[(m["file"], int(m["detail"].split()[-1]))]
            assert first.cells == row.cells and first.source_row < row.source_row
            assert not problems(row) - {"late_report"}
        elif m["defect"] == "correction":
            assert m["expected"] == "version" and not problems(row)
        else:
            assert problems(row) == {m["defect"]}, (m, problems(row))


def test_every_kind_of_defect_occurs_with_its_expected_handling(run):
    _, summary, _, man = run
    expected = {(m["defect"], m["expected"]) for m in man}
    assert expected >= {
        ("bad_uscc_check", "reject"),
        ("bad_id_check", "reject"),
        ("id_future_birth", "reject"),
        ("missing_required", "reject"),
        ("bad_enum", "reject"),
        ("impossible_date", "reject"),
        ("date_order", "reject"),
        ("decision_after_reporting", "reject"),
        ("negative_amount", "reject"),
        ("fine_in_yuan", "reject"),
        ("duplicate_in_file", "reject"),
        ("bad_org_code_check", "warn"),
        ("late_report", "warn"),
        ("ragged_line", "line_reject"),
        ("bad_encoding", "file_reject"),
        ("correction", "version"),
        ("duplicate_delivery", "duplicate_delivery"),
    }
    assert sum(m["defect"] == "bad_encoding" for m in man) == 1
    assert summary["defects"] == {d: sum(m["defect"] == d for m in man) for d in summary["defects"]}


def test_late_reports_are_listed_as_warnings_not_made_up(run):
    _, _, rows, man = run
    late = {(m["file"], int(m["source_row"])) for m in man if m["defect"] == "late_report"}
    computed = {(r.file, r.source_row) for r in rows if "late_report" in problems(r)}
    assert late == computed and late


def test_bad_encoding_file_is_neither_utf8_nor_gb18030(run):
    out, _, _, man = run
    (entry,) = [m for m in man if m["defect"] == "bad_encoding"]
    data = (out / entry["file"]).read_bytes()
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)


def test_duplicate_delivery_is_a_byte_identical_copy_in_a_later_folder(run):
    out, summary, _, man = run
    copies = [f for f in summary["files"] if f["duplicate_of"]]
    assert copies and {m["file"] for m in man if m["defect"] == "duplicate_delivery"} == {f["file"] for f in copies}
    for f in copies:
        assert (out / f["file"]).read_bytes() == (out / f["duplicate_of"]).read_bytes()
        assert f["file"].split("/")[1] > f["duplicate_of"].split("/")[1]


def test_corrections_redeliver_an_earlier_record_with_a_changed_field(run):
    _, _, rows, man = run
    by_place = {(r.file, r.source_row): r for r in rows}
    corrections = [m for m in man if m["defect"] == "correction"]
    assert corrections
    for m in corrections:
        new = by_place[(m["file"], int(m["source_row"]))]
        key = SOURCES[m["source"]].key_column
        old = [
            r
            for r in rows
            if r.source == new.source and r.values.get(key) == m["record_key"] and r.reported < new.reported
        ]
        assert old and all(o.values.get(m["field"]) != new.values.get(m["field"]) for o in old), m


# ---------------------------------------------------------------- identifiers


def test_reference_codes_validate_and_letter_led_codes_occur(run):
    for code in (
        "91110108551385082Q",
        "91350100M000100Y43",
        "91110000600037341L",
        "91230500MA1B3N1N2M",
        "11230500001755309F",
    ):
        assert is_valid_uscc(code) and is_valid_org_code(code[8:17])
    _, _, rows, _ = run
    heads = {r.values["uscc"][0] for r in rows if r.values.get("uscc")}
    assert {"9", "N", "Y"} <= heads
    assert any(re.search(r"[A-Z]", r.values["uscc"][8:17]) for r in rows if r.values.get("uscc"))


def test_clean_codes_agree_with_stdnum(run):
    """stdnum as an oracle: its uscc module wrongly rejects codes whose first 8 characters are not digits, and its ric
    module rejects area codes not yet assigned in the birth year (350102 dates from 1983), so only those parts."""
    _, _, rows, man = run
    defects = listed(man)
    clean = [r for r in rows if (r.file, r.source_row) not in defects]
    usccs = {r.values[f] for r in clean for f in USCC_FIELDS if r.values.get(f)}
    digit_led = [c for c in usccs if c[:8].isdigit()]
    assert len(digit_led) > 100 and all(stdnum_uscc.is_valid(c) for c in digit_led)
    ids = {r.values[f] for r in clean for f in ID_FIELDS if r.values.get(f)}
    assert len(ids) > 50
    for number in ids:
        assert number.startswith("3501") and ric.calc_check_digit(number) == number[-1]
        assert date(1940, 1, 1) < ric.get_birth_date(number) < date(2010, 1, 1)


# ---------------------------------------------------------------- references between sources


def test_repairs_and_objections_refer_to_earlier_penalties_of_the_same_subject(run):
    _, _, rows, man = run
    defects = listed(man)
    penalties = {}
    for r in rows:
        if r.source == "penalties" and r.values.get("decision_doc_no"):
            penalties.setdefault(r.values["decision_doc_no"], r)
    follow_ups = [r for r in rows if r.source in ("repairs", "objections") and (r.file, r.source_row) not in defects]
    assert len(follow_ups) >= 5
    for r in follow_ups:
        penalty = penalties[r.values["record_doc_no"]]
        assert penalty.reported < r.reported
        assert penalty.values.get("subject_name") == r.values["subject_name"]


def test_subjects_recur_across_sources(run):
    _, _, rows, _ = run
    names = {
        s: {r.values.get("subject_name") or r.values.get("supplier_name") for r in rows if r.source == s}
        for s in ("licenses", "penalties", "procurement", "upstream_lists")
    }
    assert names["licenses"] & names["penalties"]
    assert names["procurement"] & (names["penalties"] | names["licenses"] | names["upstream_lists"])


# ---------------------------------------------------------------- formats


def test_formats_mix_encodings_templates_and_workbooks(run):
    out, summary, _, _ = run
    files = [f for f in summary["files"] if not f["duplicate_of"]]
    gb = [f for f in files if f["encoding"] == "gb18030"]
    assert gb and any(not _is_utf8((out / f["file"]).read_bytes()) for f in gb)
    boms = [f for f in files if f["encoding"] == "utf-8-sig"]
    assert boms and all((out / f["file"]).read_bytes().startswith(b"\xef\xbb\xbf") for f in boms)
    styles = {f["header_style"] for f in files}
    assert {"zh", "zh_long", "code", "old"} <= styles
    assert {f["date_style"] for f in files} >= {"iso", "slash", "zh", "compact", "cell"}
    workbooks = [f for f in files if f["format"] == "xlsx"]
    assert 0.05 < len(workbooks) / len(files) < 0.3
    for f in workbooks[:5]:
        wb = openpyxl.load_workbook(out / f["file"], read_only=True)
        first = next(wb.worksheets[0].iter_rows(values_only=True))
        assert f["title_rows"] in (1, 2) and first[0].endswith("表") and wb.sheetnames[0] == f["sheet"]
        wb.close()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def test_every_header_maps_to_canonical_columns(run):
    out, summary, _, _ = run
    seen = set()
    for f in summary["files"]:
        if f["bad_encoding"] or f["duplicate_of"]:
            continue
        header, _ = read_table(out, f)
        if not _registered(f["source"]):  # the registry may learn a source after the generator does
            assert all(not c.startswith("x__") for c in columns_of(f["source"], header)), f["file"]
            continue
        hm = map_headers(f["source"], header)
        assert not hm.unmapped, (f["file"], hm.unmapped)
        seen.add(hm.style)
        if f["header_style"] == "zh_long":
            assert "行政相对人代码_1（统一社会信用代码）" in header
    assert {"chinese", "field_code", "old_template"} <= seen


def test_files_are_named_for_unit_source_and_date(run):
    _, summary, _, _ = run
    for f in summary["files"]:
        source, folder, name = f["file"].split("/")
        assert source == f["source"] and folder == f["reporting_date"]
        assert re.fullmatch(r".+_.+_\d{8}(_\d+)?\.(csv|xlsx)", name)


def test_scale_for_rows_yields_about_that_many_rows(tmp_path):
    summary = generate(tmp_path, days=5, scale=scale_for_rows(1500, 5))
    assert 1200 < summary["total_rows"] < 1800
    assert json.loads((tmp_path / "_manifest" / "summary.json").read_text("utf-8")) == summary


def _registered(source: str) -> bool:
    from creditwh.platform.sources import SOURCES as registry

    return source in registry


# ---------------------------------------------------------------- applications (财政补助、政策扶持与PPP申请)


def test_applications_are_delivered_like_the_other_sources(run):
    out, summary, rows, _ = run
    files = [f for f in summary["files"] if f["source"] == "applications"]
    assert files and summary["rows"]["applications"] > 0
    for f in files:
        source, folder, name = f["file"].split("/")
        assert source == "applications" and (out / f["file"]).is_file()
        assert (
            re.fullmatch(
                rf"鼓楼区财政局(经济建设科|社会保障科)_财政补助与政策扶持申请_{folder.replace('-', '')}"
                r"(_\d+)?\.(csv|xlsx)",
                name,
            )
            or f["duplicate_of"]
        )
        assert f["header_style"] in ("zh", "code")  # no old template for this source
    apps = [r for r in rows if r.source == "applications"]
    # About 3 a working day at scale 1 (fewer on rest days): the run is 12 days at scale 0.8.
    assert 10 <= len({r.values["application_no"] for r in apps}) <= 60
    assert all(re.fullmatch(r"SQ-\d{4}-\d{6}", r.values["application_no"]) for r in apps)


def test_application_numbers_are_unique_over_the_run(run):
    _, summary, rows, man = run
    copies = {(m["file"], int(m["source_row"])) for m in man if m["defect"] == "duplicate_in_file"}
    numbers = [
        r.values["application_no"] for r in rows if r.source == "applications" and (r.file, r.source_row) not in copies
    ]
    assert numbers and len(numbers) == len(set(numbers))


def test_clean_applications_are_plausible(run):
    _, _, rows, man = run
    defects = listed(man)
    clean = [r for r in rows if r.source == "applications" and (r.file, r.source_row) not in defects]
    assert len(clean) >= 10
    for r in clean:
        v = r.values
        applied = parse_date(v["applied_on"])
        assert applied <= r.reported and 50_000 <= float(v["amount_yuan"]) <= 5_000_000
        assert (v["decision"] is None) == (v["decided_on"] is None)
        if v["decided_on"]:
            assert applied <= parse_date(v["decided_on"]) <= r.reported
        assert v["source_unit"] in ("鼓楼区财政局经济建设科", "鼓楼区财政局社会保障科")
        assert is_valid_uscc(v["source_unit_uscc"])
        if v["kind"] == "PPP":
            assert v["subject_type"] == "法人及非法人组织"
    types = [r.values["subject_type"] for r in clean]
    assert types.count("法人及非法人组织") > len(types) / 2
    assert {r.values["decision"] for r in clean} >= {None, "同意"}


def test_application_manifest_rows_point_at_real_rows(run):
    _, _, rows, man = run
    by_place = {(r.file, r.source_row): r for r in rows}
    entries = [m for m in man if m["source"] == "applications" and m["source_row"]]
    assert entries
    for m in entries:
        row = by_place[(m["file"], int(m["source_row"]))]
        assert row.source == "applications" and row.values["application_no"] == m["record_key"]


def test_applicants_come_from_the_shared_subject_pool(run):
    _, _, rows, _ = run
    applicants = {r.values["subject_name"] for r in rows if r.source == "applications"}
    penalised = {r.values.get("subject_name") for r in rows if r.source == "penalties"}
    suppliers = {r.values.get("supplier_name") for r in rows if r.source == "procurement"}
    assert applicants & penalised
    assert applicants & (penalised | suppliers) - {None}


@pytest.mark.parametrize("added", ["applications", "commitments"])
def test_adding_a_source_leaves_the_earlier_sources_byte_identical(tmp_path, monkeypatch, added):
    params = dict(days=4, scale=0.5, seed=3, defect_rate=0.2)
    generate(tmp_path / "with", **params)
    earlier, later = GENERATED[: GENERATED.index(added)], GENERATED[GENERATED.index(added) :]
    monkeypatch.setattr(sample_generator, "GENERATED", earlier)
    generate(tmp_path / "without", **params)
    for source in earlier:
        assert tree_hash(tmp_path / "with" / source) == tree_hash(tmp_path / "without" / source), source
    manifest_with = [m for m in manifest(tmp_path / "with") if m["source"] not in later]
    assert manifest_with == manifest(tmp_path / "without")
    assert not (tmp_path / "without" / added).exists()


def test_a_province_sized_pool_still_names_every_organisation_uniquely():
    # 10M rows need ~27k subjects: more than two-character trade names can tell apart, so a third is added
    import numpy as np
    import polars as pl

    from creditwh.sample.subjects import build_pool

    firms = build_pool(np.random.default_rng([42, 0]), 34.0).frame.filter(pl.col("uscc").is_not_null())
    assert firms.height > 14_000
    assert firms["name"].n_unique() == firms.height and firms["uscc"].n_unique() == firms.height


def test_the_firms_most_often_listed_upstream_are_not_the_busiest_suppliers():
    # The trigger feedback has a row per list entry and business of its subject. With both drawn by one activity
    # ranking, that product grew to about 10^8 rows at 10M and filled the disk; drawn independently it stays near
    # entries x awards / companies, as in a district where being listed elsewhere and winning here are not tied.
    import numpy as np

    from creditwh.sample.subjects import build_pool

    pool = build_pool(np.random.default_rng([42, 0]), 50.0)
    companies = int(pool.frame["is_company"].sum())
    rng = np.random.default_rng(7)
    listed = np.bincount(pool.pick(rng, np.zeros(5_000, dtype=int), ranking="listed"), minlength=pool.frame.height)
    won = np.bincount(pool.draw(rng, "supplier", 10_000), minlength=pool.frame.height)
    independent = 5_000 * 10_000 / companies
    assert (listed * won).sum() < 3 * independent  # by the activity ranking it was 25x
