"""Small builders for landing files, so each test shows only what matters to it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter

from creditwh.platform.codes import id_check_char, org_code_check_char, uscc_check_char
from creditwh.platform.sources import get_source


def uscc(registry: str = "91", area: str = "350102", org8: str = "MA2Y3K0P") -> str:
    """A USCC with a valid embedded organisation code and a valid check character."""
    body = registry + area + org8 + org_code_check_char(org8)
    return body + uscc_check_char(body)


def person_id(area: str = "350102", birth: str = "19800101", seq: str = "123") -> str:
    body = area + birth + seq
    return body + id_check_char(body)


BUREAU_USCC = uscc("11", "350102", "00361123")
COMPANY_USCC = uscc("91", "350102", "MA2Y3K0P")
PERSON_ID = person_id()


def as_person(id_no: str = PERSON_ID, name: str = "张三") -> dict:
    """The fields that make a penalty's or a license's subject a natural person (自然人) with an ID number."""
    return dict(
        subject_type="自然人",
        uscc="",
        legal_rep="",
        legal_rep_id_type="",
        legal_rep_id_no="",
        person_id_type="身份证",
        person_id_no=id_no,
        subject_name=name,
    )


PENALTY = {
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": COMPANY_USCC,
    "legal_rep": "林建华",
    "legal_rep_id_type": "身份证",
    "legal_rep_id_no": person_id(birth="19750312", seq="215"),
    "decision_doc_no": "榕鼓财罚〔2026〕12号",
    "violation_type": "政府采购违法",
    "violation_facts": "提供虚假材料谋取中标",
    "legal_basis": "《中华人民共和国政府采购法》第七十七条",
    "penalty_categories": "罚款",
    "penalty_content": "罚款人民币2000元",
    "fine_10k_yuan": "0.2",
    "decision_date": "2026-10-09",
    "penalty_valid_to": "2027-10-09",
    "authority": "福州市鼓楼区财政局",
    "authority_uscc": BUREAU_USCC,
    "source_unit": "鼓楼区财政局政府采购监管科",
    "source_unit_uscc": BUREAU_USCC,
}

LICENSE = {
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": COMPANY_USCC,
    "legal_rep": "林建华",
    "decision_doc_name": "政府采购代理机构登记",
    "decision_doc_no": "榕鼓财许〔2026〕8号",
    "license_category": "登记",
    "content": "准予登记",
    "decision_date": "2026-10-09",
    "valid_from": "2026-10-09",
    "valid_to": "2029-10-08",
    "authority": "福州市鼓楼区财政局",
    "authority_uscc": BUREAU_USCC,
    "status": "有效",
    "source_unit": "鼓楼区财政局会计科",
    "source_unit_uscc": BUREAU_USCC,
}

PROCUREMENT = {
    "project_code": "GLCZ-2026-0131",
    "lot_no": "1",
    "project_name": "鼓楼区财政局办公设备采购",
    "purchaser": "福州市鼓楼区财政局",
    "purchaser_uscc": BUREAU_USCC,
    "procurement_method": "公开招标",
    "supplier_name": "福州市鼓楼区闽江科技有限公司",
    "supplier_uscc": COMPANY_USCC,
    "consortium_usccs": uscc("91", "350102", "MA31XQ7B"),
    "bid_deadline": "2026-09-25",
    "credit_checked_on": "2026-09-24",
    "award_date": "2026-09-30",
    "award_amount_yuan": "1280000",
    "performance_status": "履约中",
    "acceptance_result": "合格",
    "source_unit": "鼓楼区财政局政府采购监管科",
    "source_unit_uscc": BUREAU_USCC,
}

UPSTREAM = {
    "list_type": "失信被执行人",
    "kind": "惩戒",
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": COMPANY_USCC,
    "initiating_department": "福州市鼓楼区人民法院",
    "decision_doc_no": "（2026）闽0102执1234号",
    "listed_on": "2026-09-01",
    "valid_until": "2027-09-01",
}

REPAIR = {
    "case_no": "XF-2026-0007",
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "uscc": COMPANY_USCC,
    "record_doc_no": "榕鼓财罚〔2026〕12号",
    "applied_on": "2026-10-08",
    "decision": "同意",
    "decided_on": "2026-10-09",
    "repair_kind": "终止公示",
    "handled_by": "鼓楼区财政局信用办",
}

OBJECTION = {
    "case_no": "YY-2026-0003",
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "uscc": COMPANY_USCC,
    "record_doc_no": "榕鼓财罚〔2026〕12号",
    "claim": "处罚金额记录有误",
    "accepted_on": "2026-10-08",
    "handled_by": "鼓楼区财政局信用办",
}

APPLICATION = {
    "application_no": "SQ-2026-000123",
    "programme": "2026年鼓楼区中小企业发展专项资金",
    "kind": "财政补助",
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": COMPANY_USCC,
    "applied_on": "2026-10-08",
    "amount_yuan": "500000.00",
    "decision": "同意",
    "decided_on": "2026-10-09",
    "decision_reason": "符合申报条件",
    "source_unit": "鼓楼区财政局经济建设科",
    "source_unit_uscc": BUREAU_USCC,
}

# 信用承诺: a 容缺受理型 commitment, checked and still being fulfilled
COMMITMENT = {
    "commitment_no": "CN-2026-000041",
    "subject_name": "福州市鼓楼区闽江科技有限公司",
    "subject_type": "法人及非法人组织",
    "uscc": COMPANY_USCC,
    "commitment_type": "容缺受理型",
    "matter": "政府采购代理机构登记",
    "content": "承诺于承诺期限内补交经审计的财务报告，逾期未补交的，自愿接受撤销受理及相应失信约束",
    "committed_on": "2026-10-08",
    "due_on": "2026-11-09",
    "accepting_unit": "鼓楼区财政局政府采购监管科",
    "publicity": "网站公示",
    "fulfilment": "履约中",
    "checked_on": "2026-10-09",
}

CLEAN = {
    "applications": APPLICATION,
    "commitments": COMMITMENT,
    "penalties": PENALTY,
    "licenses": LICENSE,
    "procurement": PROCUREMENT,
    "upstream_lists": UPSTREAM,
    "repairs": REPAIR,
    "objections": OBJECTION,
}


def clean(source: str, **overrides) -> dict:
    return {**CLEAN[source], **overrides}


def penalty(**overrides) -> dict:
    """A minor penalty by default (a 2,000 yuan fine): pass fine_10k_yuan="0.5" for a general one."""
    return {**PENALTY, **overrides}


SERIOUS = dict(
    penalty_categories="吊销许可证件",
    penalty_content="吊销食品经营许可证",
    fine_10k_yuan="",
    suspended_licence="食品经营许可证 JY13501020001",
    decision_date="2026-05-04",
    penalty_valid_to="2029-05-04",
)


def serious_penalty(**overrides) -> dict:
    return penalty(**{**SERIOUS, **overrides})


def headers(source: str, style: str = "chinese") -> dict[str, str]:
    """canonical -> header in the given style: chinese | field_code | canonical."""
    out = {}
    for f in get_source(source).fields:
        out[f.canonical] = {"chinese": f.name_zh, "field_code": f.code, "canonical": f.canonical}[style]
    return out


def write_csv(
    path: Path,
    rows: list[dict],
    header_names: dict[str, str] | None = None,
    encoding: str = "utf-8",
    extra_lines: list[str] | None = None,
) -> Path:
    """Write rows under the given headers (canonical -> header text); extra_lines are appended raw."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(dict.fromkeys(c for r in rows for c in r)) if rows else list(header_names or {})
    names = header_names or {c: c for c in columns}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([names.get(c, c) for c in columns])
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    for line in extra_lines or []:
        buf.write(line + "\n")
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: list[dict], header_names: dict[str, str], title_rows: list[str] = (), sheet: str = "Sheet1"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    r = 0
    for title in title_rows:
        ws.write(r, 0, title)
        r += 1
    columns = list(rows[0])
    ws.write_row(r, 0, [header_names.get(c, c) for c in columns])
    for row in rows:
        r += 1
        ws.write_row(r, 0, [row.get(c) for c in columns])
    wb.close()
    return path
