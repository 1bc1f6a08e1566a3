"""信用核查记录 before a decision (issue 25, part 1): a batch of codes from the list a unit sends, one row per subject
and one printable record per subject, a verification code that `creditwh verify` re-derives as known then, and
codes that are invalid or unknown listed as such, never as clean."""

from __future__ import annotations

import re
from datetime import date

import fastexcel
import pytest
from click.testing import CliRunner

from creditwh.credit.check_records import verify
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import (
    COMPANY_USCC,
    PERSON_ID,
    as_person,
    clean,
    headers,
    penalty,
    person_id,
    serious_penalty,
    uscc,
    write_csv,
    write_xlsx,
)
from pipelines.check_batch import register_path, run_check_batch, summary_lines
from pipelines.cli import main
from tests.support.scenario import Scenario

CLEAN_USCC = uscc("91", "350102", "MA2Y3K1Q")
NEVER_SEEN = uscc("91", "350102", "MA2Y9X8K")
NEVER_SEEN_PERSON = person_id(birth="19910305", seq="777")
AS_OF = date(2026, 6, 1)
LICENSED = clean(
    "licenses", uscc=CLEAN_USCC, subject_name="福州清白有限公司", decision_date="2026-05-01", valid_from="2026-05-01"
)


@pytest.fixture
def scenario(tmp_path, monkeypatch):
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))
    return (
        Scenario(tmp_path)
        .deliver("2026-05-06", "penalties", serious_penalty(decision_doc_no="榕鼓财罚〔2026〕12号"))
        .deliver("2026-05-06", "penalties", penalty(**as_person(), decision_doc_no="榕鼓财罚〔2026〕13号"))
        .deliver("2026-05-06", "licenses", LICENSED)
        .run()
    )


def _batch(scenario, path, **kw):
    return run_check_batch(
        path, AS_OF, scenario.workdir / "warehouse.duckdb", scenario.workdir / "out", pdf=False, **kw
    )


def _by_code(result):
    return {item.code_given: item for item in result.items}


def test_a_csv_of_codes_answers_each_and_never_reads_an_invalid_or_unknown_code_as_clean(scenario):
    codes = [COMPANY_USCC, CLEAN_USCC, PERSON_ID, NEVER_SEEN, "9.13501E+17", "12345"]
    path = write_csv(scenario.workdir / "bidders.csv", [{"统一社会信用代码": c} for c in codes])
    result = _batch(scenario, path)
    items = _by_code(result)
    assert result.layout == "codes"  # one 统一社会信用代码 column is a list of codes, not an application template
    assert items[COMPANY_USCC].content["verdict"] == "barred"
    assert [m["id"] for m in items[COMPANY_USCC].content["barring_measures"]] == ["P01"]  # procurement only
    assert items[COMPANY_USCC].content["evidence"][0]["record"] == "榕鼓财罚〔2026〕12号"
    assert items[CLEAN_USCC].content["verdict"] == "clear"
    assert items[NEVER_SEEN].content["verdict"] == "no_record"
    assert "Excel" in items["9.13501E+17"].problem and items["9.13501E+17"].content is None
    assert items["12345"].problem and items["12345"].content is None
    assert items[COMPANY_USCC].row == 2  # the file's row, the header being row 1
    # one record per subject, the invalid codes none; an ID number is printed masked, never whole
    assert len(list((scenario.workdir / "out" / "records").glob("*.html"))) == 4
    person = items[PERSON_ID]
    assert person.content["subject_code"] == PERSON_ID[:6] + "********" + PERSON_ID[-4:]
    assert PERSON_ID not in person.files["html"].read_text(encoding="utf-8")
    sheet = fastexcel.read_excel(result.book).load_sheet(0, header_row=1, dtypes="string").to_polars()
    assert sheet.height == len(codes)
    verdicts = dict(zip(sheet["行号 row"], sheet["核查结论 verdict"], strict=True))
    assert "代码无效" in verdicts["6"] and "代码无效" in verdicts["7"] and "未查到" in verdicts["5"]
    assert PERSON_ID not in str(sheet.to_dicts())


def test_the_procurement_template_in_xlsx_checks_the_supplier_and_every_consortium_member(scenario):
    rows = [
        clean("procurement", supplier_uscc=CLEAN_USCC, consortium_usccs=COMPANY_USCC),
        # an 18-digit code typed into a number cell: Excel kept 15 digits, so it must not be looked up at all
        clean("procurement", project_code="GLCZ-2026-0200", supplier_uscc=913501004984025674, consortium_usccs=""),
    ]
    path = write_xlsx(scenario.workdir / "bidders.xlsx", rows, headers("procurement"))
    result = _batch(scenario, path)
    assert result.layout == "procurement"
    verdicts = [(i.code_given, i.content["verdict"] if i.content else i.problem) for i in result.items]
    assert verdicts[0] == (CLEAN_USCC, "clear") and verdicts[1] == (COMPANY_USCC, "barred")
    assert "Excel" in verdicts[2][1]
    assert result.items[0].reference == "GLCZ-2026-0131 1"


def test_an_application_list_is_checked_against_the_measures_of_its_own_kind(scenario):
    rows = [clean("applications", uscc=COMPANY_USCC, kind="财政补助")]
    path = write_xlsx(scenario.workdir / "applicants.xlsx", rows, headers("applications"))
    (item,) = _batch(scenario, path).items
    assert item.business == "subsidy" and [m["id"] for m in item.content["barring_measures"]] == ["P02"]


def test_a_record_verifies_and_still_does_after_a_later_delivery_changes_what_is_known_now(scenario):
    codes = (CLEAN_USCC, COMPANY_USCC, PERSON_ID, NEVER_SEEN, NEVER_SEEN_PERSON)
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": c} for c in codes])
    result = _batch(scenario, path)
    code = _by_code(result)[CLEAN_USCC].code
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    runner = CliRunner()
    warehouse = str(scenario.workdir / "warehouse.duckdb")
    first = runner.invoke(main, ["verify", code.lower(), "--warehouse", warehouse])
    assert first.exit_code == 0 and "核验通过" in first.output
    # a serious penalty decided before the check date, delivered after it: as known now the subject was black-listed
    # that day, as known then it was not, and the record says what was known then
    scenario.deliver(
        "2026-06-15",
        "penalties",
        serious_penalty(
            uscc=CLEAN_USCC, subject_name="福州清白有限公司", decision_doc_no="罚迟1号", decision_date="2026-05-10"
        ),
    ).run()
    assert scenario.check(CLEAN_USCC, "2026-06-01", known="now")["black"]
    later = runner.invoke(main, ["verify", code, "--warehouse", warehouse])
    assert later.exit_code == 0 and "核验通过" in later.output, later.output
    with connect(scenario.workdir / "warehouse.duckdb", read_only=True) as con:
        # the others too: a black-listed company, a known and an unknown person (by key), an unknown company
        for code in codes[1:]:
            assert verify(con, _by_code(result)[code].code, register_path()).matches, code
    assert PERSON_ID not in register_path().read_text(encoding="utf-8")


def test_a_record_issued_before_its_day_s_deliveries_were_loaded_says_why_it_no_longer_verifies(scenario):
    # checked on the decision day before that day's run: the day's delivery, loaded after, is known on that day
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": CLEAN_USCC}])
    batch = _batch(scenario, path)
    (item,) = batch.items
    assert item.content["verdict"] == "clear"
    # and the batch said so when it was issued: nothing loaded yet for the as-of day
    assert any("已装载的报送截至 2026-05-06，早于核查日 2026-06-01" in line for line in summary_lines(batch))
    scenario.deliver(
        AS_OF.isoformat(),
        "penalties",
        serious_penalty(
            uscc=CLEAN_USCC, subject_name="福州清白有限公司", decision_doc_no="罚当日1号", decision_date="2026-05-20"
        ),
    ).run()
    result = CliRunner().invoke(main, ["verify", item.code, "--warehouse", str(scenario.workdir / "warehouse.duckdb")])
    assert result.exit_code == 1 and "data_currency" in result.output
    assert "签发后又装载了 2026-06-01 及以前的报送" in result.output and "不一定是记录被改动" in result.output


def test_a_code_that_was_never_issued_or_whose_content_differs_does_not_verify(scenario):
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": COMPANY_USCC}])
    (item,) = _batch(scenario, path).items
    register = register_path()
    runner = CliRunner()
    warehouse = str(scenario.workdir / "warehouse.duckdb")
    assert runner.invoke(main, ["verify", "0000-0000-0000", "--warehouse", warehouse]).exit_code == 1
    # a register entry whose content no longer matches (as if the record had been altered)
    register.write_text(register.read_text(encoding="utf-8").replace('"procurement"', '"subsidy"'), encoding="utf-8")
    altered = runner.invoke(main, ["verify", item.code, "--warehouse", warehouse])
    assert altered.exit_code == 1 and "business" in altered.output
    assert "签发后又装载了" not in altered.output  # an altered record is never explained away


def test_the_command_line_writes_the_batch_and_names_each_code(scenario):
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": c} for c in (COMPANY_USCC, "12345")])
    out = scenario.workdir / "cli_out"
    args = ["check", "--batch", str(path), "--as-of", "2026-06-01", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--warehouse", str(scenario.workdir / "warehouse.duckdb")])
    assert result.exit_code == 0, result.output
    assert "不得办理" in result.output and "代码无效" in result.output
    assert list(out.glob("*.xlsx"))


@pytest.mark.browser
def test_a_record_prints_to_one_a4_page(scenario):
    from creditwh.credit.check_records import print_pdfs

    # a subject with many records in force: the page shows the first ones, the .xlsx all of them
    for n in range(10):
        scenario.deliver(
            "2026-05-20",
            "penalties",
            serious_penalty(decision_doc_no=f"榕鼓财罚〔2026〕{100 + n}号", decision_date="2026-05-15"),
            file=f"鼓楼区财政局政府采购监管科_行政处罚_20260520_{n}.csv",
        )
    scenario.run()
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": COMPANY_USCC}])
    (item,) = _batch(scenario, path).items
    assert len(item.content["evidence"]) == 11
    print_pdfs([item.files["html"]])
    pdf = item.files["html"].with_suffix(".pdf").read_bytes()
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(pages) == 1
    # A4 is 210 x 297 mm, 595 x 842 points (Chromium writes 594.96 x 841.92)
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]", pdf)


def test_the_dagster_job_checks_the_file_in_its_config_in_the_writer_pool(scenario):
    from assets.resources import WRITER_POOL, WarehouseResource
    from pipelines.definitions import defs
    from pipelines.jobs import credit_check_batch_job

    job = defs.resolve_job_def("credit_check_batch")
    assert [node.definition.pool for node in job.nodes] == [WRITER_POOL]
    path = write_csv(scenario.workdir / "bidders.csv", [{"代码": c} for c in (COMPANY_USCC, NEVER_SEEN)])
    out = scenario.workdir / "job_out"
    config = {"path": str(path), "as_of": "2026-06-01", "out": str(out)}
    result = credit_check_batch_job.execute_in_process(
        run_config={"ops": {"check_batch_op": {"config": config}}},
        resources={"warehouse": WarehouseResource(path=str(scenario.workdir / "warehouse.duckdb"))},
    )
    assert result.success and len(list((out / "records").glob("*.html"))) == 2


def test_a_record_says_a_red_source_entry_of_a_black_listed_subject_is_no_red_listing():
    from creditwh.credit.check_records import list_line

    red_basis = {
        "list": "red",
        "entered_on": "2026-10-16",
        "exit_on": "2027-10-09",
        "exit_reason": "expired",
        "basis": "榕鼓税信〔2026〕10号",
        "in_effect": False,
    }
    black = {**red_basis, "list": "black", "basis": "榕鼓财罚〔2026〕38号", "in_effect": True}
    assert "不符合红名单条件" in list_line(red_basis, "2026-11-06")
    assert "当日已移出" in list_line({**red_basis, "exit_on": "2026-11-01"}, "2026-11-06")
    assert "不符合" not in list_line(black, "2026-11-06") and "移出" not in list_line(black, "2026-11-06")
