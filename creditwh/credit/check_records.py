"""信用核查记录: a batch of credit checks before a decision, one row per subject in an .xlsx and one printable record
per subject (HTML, and PDF where Chromium is present), each with a verification code `creditwh verify` re-derives.

The record is the check as known then (docs/credit_check.md): what the bureau could know on the as-of day never
changes afterwards, so re-deriving it later gives the same content, and the same code. The code is a short hash of
the canonical JSON of that content; the query time is printed but left out, as asking again must give the same code.
Issued records are kept in a register (JSON Lines beside the outputs, not in the warehouse): a check opens the
warehouse read-only and must never wait for, or hold up, the daily run's writer turn."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import jinja2
import xlsxwriter

from creditwh.credit.build import MEASURES_FILE, credit_check_batch, credit_check_keys
from creditwh.platform import catalog
from creditwh.platform.codes import mask_id, normalise_code
from creditwh.platform.policy import load_policy
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import execute

TEMPLATES = Path(__file__).parent / "templates"
BUSINESS_ZH = {"procurement": "政府采购", "subsidy": "财政补助", "policy_support": "政策扶持", "ppp": "PPP"}
KIND_ZH = {
    "penalty": "行政处罚",
    "license": "行政许可",
    "upstream_punishment": "联合惩戒名单",
    "upstream_reward": "联合激励名单",
    "procurement_ban": "禁止参加政府采购",
    "performance_breach": "履约违约",
    "award": "中标（成交）",
}
SEVERITY_ZH = {"serious": "严重", "general": "一般", "minor": "轻微"}
EXIT_ZH = {
    "expired": "期满",
    "repaired": "信用修复",
    "revoked": "撤销",
    "corrected": "更正",
    "upstream_removed": "上游移出",
}
# the records that restrict come first on the page (the rest are in the .xlsx): a license must not push a penalty off
NEGATIVE = ("penalty", "procurement_ban", "upstream_punishment", "performance_breach")
LIST_ZH = {"black": "黑名单", "red": "红名单"}
# the verdicts of a check before a decision: a code that cannot be read, or that the warehouse has never seen, is
# said so, and never reads as clear
VERDICTS = {
    "barred": "不得办理 / barred: a measure bars this business",
    "restricted": "受限（其他业务）/ restricted for other business",
    "clear": "未发现限制 / no restriction found",
    "no_record": "未查到信用记录（不等于核查通过）/ no record: not a clearance",
    "invalid": "代码无效，未核查 / invalid code: not checked",
}
EVIDENCE_ON_PAGE = 6  # a record fits one A4 page: the rest are in the batch's .xlsx, and in the code's content
REGISTER = "register.jsonl"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@dataclass
class Checked:
    """One asked code and its answer: `content` is what the verification code covers (None: an invalid code)."""

    code_given: str
    row: int | None
    name_given: str | None
    business: str
    reference: str | None
    problem: str | None = None
    content: dict | None = None
    code: str | None = None
    files: dict[str, Path] = field(default_factory=dict)


def _measures() -> dict[str, dict]:
    with MEASURES_FILE.open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def data_currency(con, as_of: date) -> list[dict]:
    """数据截至: each source's latest delivery by as_of, as known then (a source never delivered says so)."""
    found = {}
    if catalog.table_exists(con, "raw.landing_files"):
        found = dict(execute(con, "credit/check_currency", {"as_of": as_of}).fetchall())
    return [{"source": s.name, "name": s.title_zh, "delivered_to": found.get(s.name)} for s in SOURCES.values()]


def shown_code(code: str, subject_key: str | None) -> str:
    """The code as a record prints it: a USCC in full, an ID number masked (first 6 and last 4)."""
    if subject_key and not subject_key.startswith("P"):
        return subject_key
    return mask_id(normalise_code(code)) or ""


def record_content(result: dict, shown: str, business: str, currency: list[dict], as_of: date) -> dict:
    """The record's content as known then: everything the verification code covers (not the query time)."""
    measures = _measures()
    applied = result["measures"] or []
    barring = [
        m for m in applied if measures[m["id"]]["kind"] == "punishment" and measures[m["id"]]["domain"] == business
    ]
    if not result["known"]:
        verdict = "no_record"
    elif barring:
        verdict = "barred"
    elif any(measures[m["id"]]["kind"] == "punishment" for m in applied):
        verdict = "restricted"
    else:
        verdict = "clear"
    content = {
        "subject_key": result["subject_key"],
        "subject_code": shown,
        "subject_name": result["subject_name"],
        "subject_type": result["subject_type"],
        "as_of": as_of,
        "known_as": result["known_as"],
        "business": business,
        "verdict": verdict,
        "known": result["known"],
        "credit_class": result["credit_class"],
        "score": result["score"],
        "black": result["black"],
        "red": result["red"],
        "barring_measures": barring,
        "measures": applied,
        "lists": result["lists"] or [],
        "suspended_events": result["suspended_events"] or [],
        "evidence": result["evidence"] or [],
        "data_currency": currency,
        "policy_version": result["policy_version"] or str(load_policy()["version"]),
    }
    return json.loads(_canonical(content))  # dates as text: a record re-derived later compares equal


def _canonical(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def content_hash(content: dict) -> str:
    return hashlib.sha256(_canonical(content).encode("utf-8")).hexdigest()


def verification_code(content: dict) -> str:
    """12 hex digits of the content hash, in groups of four: short enough to type from a printed page."""
    digest = content_hash(content)[:12].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


def check_batch(con, asked: list, as_of: date, default_business: str = "procurement") -> list[Checked]:
    """Each asked code (creditwh.ingest.check_list.Asked) checked as known then on as_of, in one set-based query."""
    answers = credit_check_batch(con, [a.code for a in asked], as_of, "then")
    currency = data_currency(con, as_of)
    out = []
    for a in asked:
        answer = answers[a.code]
        item = Checked(a.code, a.row, a.name, a.business or default_business, a.reference)
        if "problem" in answer:
            item.problem = answer["problem"]
        else:
            content = record_content(answer, shown_code(a.code, answer["subject_key"]), item.business, currency, as_of)
            item.content, item.code = content, verification_code(content)
        out.append(item)
    return out


def given_code(code: str) -> str:
    """An invalid code as given, masked when it could be a mistyped ID number."""
    text = normalise_code(code)
    return mask_id(text) or code if re.fullmatch(r"[0-9]{15,17}[0-9X]?", text) else code


def _evidence_line(ev: dict) -> str:
    return (
        f"{KIND_ZH.get(ev['kind'], ev['kind'])}"
        f"{'（' + SEVERITY_ZH.get(ev['severity'], ev['severity']) + '）' if ev['severity'] else ''} "
        f"文号 {ev['record']}，决定日期 {ev['decided_on']}，来源 {ev['file']} 第{ev['row']}行"
    )


def _negative_first(evidence: list[dict]) -> list[dict]:
    return sorted(evidence, key=lambda e: e["kind"] not in NEGATIVE)  # stable: by decision date within each


def not_in_effect(entry: dict, as_of) -> str:
    """Why a list entry shown does not put the subject on its list on as_of ('' when it does)."""
    if entry.get("in_effect", True):
        return ""
    if entry["exit_on"] is not None and str(entry["exit_on"]) <= str(as_of):
        return "（当日已移出 / exited by then）"
    # REFERENCE §5: a red source names the subject, but a black listing or a record in force keeps it off the red list
    return "（红名单依据在，但当日不符合红名单条件：已列入黑名单或有记录在案 / red-list basis only: not on the red list that day）"


def list_line(entry: dict, as_of) -> str:
    out = f"{LIST_ZH.get(entry['list'], entry['list'])} 列入 {entry['entered_on']}"
    if entry.get("exit_on"):
        reason = EXIT_ZH.get(entry["exit_reason"], entry["exit_reason"] or "")
        out += f" 至 {entry['exit_on']}（{reason}）"
    return out + f" 依据 {entry['basis']}" + not_in_effect(entry, as_of)


def write_outputs(
    items: list[Checked], as_of: date, out: Path, register: Path, queried_at: datetime, pdf: bool = True
) -> Path:
    """The batch result (.xlsx) and a record per subject (HTML, PDF where Chromium is present) under `out`, each
    record added to the register. Returns the .xlsx."""
    out.mkdir(parents=True, exist_ok=True)
    records = out / "records"
    records.mkdir(exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    template = env.get_template("check_record.html.j2")
    for item in items:
        if item.content is None:
            continue
        page = records / f"{item.code}.html"
        page.write_text(
            template.render(
                c=item.content,
                code=item.code,
                queried_at=queried_at.strftime("%Y-%m-%d %H:%M:%S %z"),
                verdict_text=VERDICTS[item.content["verdict"]],
                business_zh=BUSINESS_ZH.get(item.content["business"], item.content["business"]),
                evidence=[_evidence_line(e) for e in _negative_first(item.content["evidence"])[:EVIDENCE_ON_PAGE]],
                more_evidence=max(0, len(item.content["evidence"]) - EVIDENCE_ON_PAGE),
                lists=[list_line(e, item.content["as_of"]) for e in item.content["lists"]],
                reference=item.reference,
            ),
            encoding="utf-8",
        )
        item.files["html"] = page
    if pdf and Path(CHROMIUM).exists():
        print_pdfs([i.files["html"] for i in items if "html" in i.files])
        for item in items:
            if "html" in item.files and item.files["html"].with_suffix(".pdf").exists():
                item.files["pdf"] = item.files["html"].with_suffix(".pdf")
    book = out / f"信用核查结果_{as_of}.xlsx"
    _write_xlsx(book, items, as_of, queried_at)
    _register(register, items, queried_at)
    return book


def print_pdfs(pages: list[Path]) -> None:
    """Each HTML record printed to PDF by Debian's headless Chromium (A4, the page's own print CSS)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for html in pages:
            page.goto(html.resolve().as_uri(), wait_until="load")
            pdf = html.with_suffix(".pdf")
            # the print CSS fits a record on one page; a subject with unusually long lists is printed smaller
            for scale in (1.0, 0.9, 0.8, 0.7):
                page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True, scale=scale)
                if pdf_pages(pdf.read_bytes()) == 1:
                    break
        browser.close()


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (one uncompressed /Type /Page object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


COLUMNS = [
    ("行号 row", 8),
    ("代码 code", 22),
    ("名称 name", 28),
    ("业务 business", 10),
    ("项目/申请编号 reference", 18),
    ("核查结论 verdict", 30),
    ("信用等级 class", 8),
    ("评分 score", 8),
    ("名单 lists", 40),
    ("限制本业务的措施 measures barring this business", 40),
    ("依据与证据 reasons and evidence", 70),
    ("异议核实中的记录 under objection", 24),
    ("核验码 verification code", 18),
    ("核查记录 record", 30),
]


def _write_xlsx(path: Path, items: list[Checked], as_of: date, queried_at: datetime) -> None:
    book = xlsxwriter.Workbook(str(path))
    head = book.add_format({"bold": True, "bg_color": "#DDE6F0", "text_wrap": True, "valign": "top", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    text = book.add_format({"num_format": "@", "valign": "top"})
    alert = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#B00020", "bold": True})
    sheet = book.add_worksheet("核查结果")
    sheet.write(0, 0, f"信用核查结果 · 核查日期（as of）{as_of} · 按当日所知 · 查询时间 {queried_at:%Y-%m-%d %H:%M:%S}")
    for col, (title, width) in enumerate(COLUMNS):
        sheet.write(1, col, title, head)
        sheet.set_column(col, col, width)
    for i, item in enumerate(items, start=2):
        c = item.content
        if c is None:
            verdict = f"{VERDICTS['invalid']}：{item.problem}"
            business = BUSINESS_ZH.get(item.business)
            values = [item.row, given_code(item.code_given), item.name_given, business, item.reference, verdict]
        else:
            values = [
                item.row,
                c["subject_code"],
                c["subject_name"] or item.name_given,
                BUSINESS_ZH.get(c["business"], c["business"]),
                item.reference,
                VERDICTS[c["verdict"]],
                c["credit_class"],
                c["score"],
                "\n".join(list_line(e, c["as_of"]) for e in c["lists"]),
                "\n".join(f"{m['id']} {m['name']}（{m['legal_basis']}）" for m in c["barring_measures"]),
                "\n".join(_evidence_line(e) for e in _negative_first(c["evidence"])),
                "\n".join(c["suspended_events"]),
                item.code,
                str(item.files.get("pdf") or item.files.get("html") or ""),
            ]
        for col, value in enumerate(values):
            fmt = text if col in (1, 4, 12) else alert if col == 5 and (c is None or c["verdict"] != "clear") else wrap
            sheet.write(i, col, value, fmt)
    sheet.freeze_panes(2, 2)
    sheet.autofilter(1, 0, len(items) + 1, len(COLUMNS) - 1)
    currency = book.add_worksheet("数据截至")
    currency.write_row(0, 0, ["数据源 source", "数据截至 delivered to (as known then)"], head)
    currency.set_column(0, 1, 30)
    first = next((i.content for i in items if i.content is not None), None)
    for r, src in enumerate(first["data_currency"] if first else [], start=1):
        currency.write_row(r, 0, [f"{src['name']} {src['source']}", src["delivered_to"] or "未报送 / none delivered"])
    book.close()


def _register(path: Path, items: list[Checked], queried_at: datetime) -> None:
    """Append each issued record: what `creditwh verify CODE` needs to re-derive it (never an ID number)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        for item in items:
            if item.content is None:
                continue
            c = item.content
            line = {
                "code": item.code,
                "content_hash": content_hash(c),
                "subject_key": c["subject_key"],
                "subject_code": c["subject_code"],
                "as_of": c["as_of"],
                "business": c["business"],
                "issued_at": queried_at.isoformat(timespec="seconds"),
                "record": str(item.files.get("html", "")),
                # each part's own short hash: verify names the parts that differ, without keeping the content
                "fields": {k: verification_code({k: v}) for k, v in c.items()},
            }
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Verification:
    found: bool
    matches: bool
    issued: dict | None
    differences: list[str]


def verify(con, code: str, register: Path) -> Verification:
    """Re-derive an issued record from the warehouse as known then, and compare its content with the one issued."""
    wanted = code.strip().upper().replace(" ", "")
    issued = None
    if register.exists():
        for line in register.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if entry["code"] == wanted:
                issued = entry
    if issued is None:
        return Verification(False, False, None, [])
    as_of = date.fromisoformat(issued["as_of"])
    answer = credit_check_keys(con, [issued["subject_key"]], as_of, "then")[issued["subject_key"]]
    content = record_content(answer, issued["subject_code"], issued["business"], data_currency(con, as_of), as_of)
    if content_hash(content) == issued["content_hash"]:
        return Verification(True, True, issued, [])
    differences = [k for k in sorted(content) if verification_code({k: content[k]}) != issued.get("fields", {}).get(k)]
    return Verification(True, False, issued, differences)
