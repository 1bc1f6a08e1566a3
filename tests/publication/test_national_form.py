"""双公示 files as the platform imports them (REFERENCE §3 "Publication form"), withdrawn and updated as the law
asks, and written so that half a publication can never be uploaded."""

import json
import os
import signal
import subprocess
import sys
from datetime import date
from hashlib import sha256

import duckdb
import fastexcel
import polars as pl
import pytest

from creditwh.platform.sources import get_source
from creditwh.platform.warehouse import connect
from creditwh.publication.conformance import Finding, check_file, check_folder, template_headers
from creditwh.publication.double_publicity import publish_double_publicity
from creditwh.sample.builders import PERSON_ID, clean, penalty
from tests.support.full_set import full_set_text, read_full_set
from tests.support.scenario import Scenario

GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def publish(scenario, as_of, out, full_set=None):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return publish_double_publicity(con, date.fromisoformat(as_of), out, full_set=full_set)


def read(path):
    return pl.read_csv(path, infer_schema=False)


def operations(out, as_of, source="penalties"):
    return read(out / as_of / f"{source}_operations.csv")


def verdict(doc_no, outcome, correction=""):
    """An objection to a record, accepted on 12 May and closed on 19 May with the outcome (撤销 or 更正)."""
    return clean(
        "objections",
        record_doc_no=doc_no,
        accepted_on="2026-05-12",
        verdict=outcome,
        closed_on="2026-05-19",
        **({"correction": correction} if correction else {}),
    )


def history(scenario, doc_no):
    return scenario.query(
        "select published_from, published_to from publish.double_publicity_history "
        "where decision_doc_no = ? order by published_from",
        [doc_no],
    )


def test_the_template_headers_are_the_long_forms_of_the_code_columns():
    for source in ("licenses", "penalties"):
        headers = template_headers(source)
        assert headers[2:8] == [
            "行政相对人代码_1（统一社会信用代码）",
            "行政相对人代码_2（工商注册号）",
            "行政相对人代码_3（组织机构代码）",
            "行政相对人代码_4（税务登记号）",
            "行政相对人代码_5（事业单位证书号）",
            "行政相对人代码_6（社会组织登记证号）",
        ]
        assert len(headers) == len(set(headers)) == len(get_source(source).fields)


def test_every_written_file_is_in_the_national_form(scenario, tmp_path):
    for doc_no, valid_to, status in (
        ("许1号", "长期", "有效"),
        ("许2号", "9999-12-31", "1"),
        ("许3号", "2099-12-31", "有效"),
    ):
        scenario.deliver(
            "2026-05-06",
            "licenses",
            clean(
                "licenses",
                decision_doc_no=doc_no,
                decision_date="2026-05-04",
                valid_from="2026-05-04",
                valid_to=valid_to,
                status=status,
            ),
        )
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(
            **GENERAL, violation_facts="未按规定公开采购信息；\r\n  经查属实\n拒不改正", penalty_valid_to="2027-05-04"
        ),
    ).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    folder = out / "2026-05-10"
    with duckdb.connect() as con:
        assert check_folder(con, folder) == []
    licenses = read_full_set(folder, "licenses")
    assert licenses.columns == template_headers("licenses")
    assert licenses["有效期至"].to_list() == ["2099/12/31"] * 3  # 2099/12/31 的含义为长期
    assert set(licenses["许可决定日期"]) == {"2026/05/04"} and set(licenses["当前状态"]) == {"1"}
    penalties = read(folder / "penalties_changes.csv")
    assert penalties["违法事实"].to_list() == ["未按规定公开采购信息； 经查属实 拒不改正"]
    assert penalties["罚款金额（万元）"].to_list() == ["0.5"]  # not the DECIMAL's 0.500000
    book = fastexcel.read_excel(folder / "penalties_changes.xlsx").load_sheet(0, dtypes="string").to_polars()
    assert book.columns == template_headers("penalties") and book["处罚决定日期"].to_list() == ["2026/05/04"]
    line = json.loads(full_set_text(folder, "penalties", "jsonl").splitlines()[0])
    assert list(line) == template_headers("penalties") and line["处罚有效期"] == "2027/05/04"


def test_the_conformance_check_names_what_departs_from_the_template(tmp_path):
    # the old import file: short code headers, an operation column, ISO dates and 有效
    fields = get_source("licenses").fields
    row = {f.name_zh: "x" for f in fields} | {"许可决定日期": "2026-05-04", "当前状态": "有效"}
    old = tmp_path / "licenses_changes.csv"
    pl.DataFrame([{"操作": "新增", **row}]).write_csv(old)
    with duckdb.connect() as con:
        [header] = check_file(con, "licenses", old)
        assert header.problem == "header" and "操作" in header.example and "统一社会信用代码" in header.example
        # right headers, wrong values
        values = {f.template_header: "x" for f in fields} | {
            "许可决定日期": "2026-05-04",
            "有效期自": "2026/05/04",
            "有效期至": "9999-12-31",
            "当前状态": "有效",
            "许可内容": "第一行\n第二行",
        }
        wrong = tmp_path / "licenses.csv"
        pl.DataFrame([values]).write_csv(wrong)
        found = {(f.column, f.problem, f.first_row) for f in check_file(con, "licenses", wrong)}
        assert found == {
            ("许可决定日期", "date", 2),
            ("有效期至", "date", 2),
            ("当前状态", "status", 2),
            ("许可内容", "line_break", 2),
        }
    assert "2099/12/31" in str(Finding("f.csv", "有效期至", "date", 1, 2, "9999-12-31"))


def test_the_import_file_holds_no_operation_and_the_operations_list_says_why_each_record_is_withdrawn(
    scenario, tmp_path
):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="丙3号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    scenario.deliver(
        "2026-05-20",
        "penalties",
        penalty(decision_doc_no="甲1号", **{**GENERAL, "fine_10k_yuan": "0.6", "penalty_content": "罚款人民币6000元"}),
    )
    scenario.deliver(
        "2026-05-20",
        "repairs",
        clean("repairs", record_doc_no="乙2号", applied_on="2026-05-15", decided_on="2026-05-19"),
    )
    scenario.deliver(
        "2026-05-20",
        "objections",
        verdict("丙3号", "撤销"),
    ).run()
    publish(scenario, "2026-05-20", out)
    imported = read(out / "2026-05-20" / "penalties_changes.csv")
    assert imported.columns == template_headers("penalties") and imported["行政处罚决定书文号"].to_list() == ["甲1号"]
    listed = {r["决定文书号"]: r for r in operations(out, "2026-05-20").to_dicts()}
    assert listed["甲1号"]["操作"] == "更新" and listed["甲1号"]["导入文件行号"] == "1"
    assert listed["乙2号"]["操作"] == "撤下" and "信用修复" in listed["乙2号"]["撤下原因"]
    assert listed["丙3号"]["操作"] == "撤下" and "撤销" in listed["丙3号"]["撤下原因"]


def test_a_record_revoked_on_objection_is_withdrawn_within_three_days_of_the_verdict(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    # the verdict is closed on the 19th and delivered on the 20th; the next day's publication withdraws it
    scenario.deliver(
        "2026-05-20",
        "objections",
        verdict("甲1号", "撤销"),
    ).run()
    publish(scenario, "2026-05-19", out)  # published before the verdict reached the warehouse: still shown
    assert history(scenario, "甲1号") == [(date(2026, 5, 10), None)]
    publish(scenario, "2026-05-20", out)
    [(shown_from, withdrawn_on)] = history(scenario, "甲1号")
    assert shown_from == date(2026, 5, 10) and (withdrawn_on - date(2026, 5, 19)).days <= 3
    assert operations(out, "2026-05-20")["操作"].to_list() == ["撤下"]


def test_a_record_corrected_on_objection_is_published_as_an_update(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    scenario.deliver(
        "2026-05-20",
        "objections",
        verdict("甲1号", "更正", "罚款金额（万元）=0.4；penalty_content=罚款人民币4000元"),
    ).run()
    publish(scenario, "2026-05-20", out)
    # the log closes the first version and opens the corrected one on the same day
    assert history(scenario, "甲1号") == [(date(2026, 5, 10), date(2026, 5, 20)), (date(2026, 5, 20), None)]
    assert operations(out, "2026-05-20")["操作"].to_list() == ["更新"]
    assert read(out / "2026-05-20" / "penalties_changes.csv")["罚款金额（万元）"].to_list() == ["0.4"]
    [row] = read_full_set(out / "2026-05-20").to_dicts()  # the set in force, with the corrected values
    assert (row["罚款金额（万元）"], row["处罚内容"]) == ("0.4", "罚款人民币4000元")


def test_the_manifest_is_written_last_and_lists_every_file_with_its_rows_and_digest(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    folder = out / "2026-05-10"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2026-05-10"
    listed = {entry["file"]: entry for entry in manifest["files"]}
    assert set(listed) == {p.name for p in folder.iterdir()} - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == sha256((folder / name).read_bytes()).hexdigest()
    assert listed["penalties_2026-05.csv"]["rows"] == 1 and not [f for f in listed if f.startswith("licenses_2")]
    assert [(p["source"], p["part"], p["folder"]) for p in manifest["parts"]] == [
        ("penalties", "2026-05", "2026-05-10")
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing left beside it


KILL_WHILE_PUBLISHING = """
import os, signal, sys
from datetime import date
from pathlib import Path
import creditwh.publication.double_publicity as dp
from creditwh.platform.warehouse import connect

real, written = dp.copy_query, []
def copy_then_die(con, query, target, fmt):
    path = real(con, query, target, fmt)
    written.append(path)
    if len(written) == 3:  # the licence files are written, the penalties not yet
        os.kill(os.getpid(), signal.SIGKILL)
    return path
dp.copy_query = copy_then_die
with connect(Path(sys.argv[1])) as con:
    dp.publish_double_publicity(con, date.fromisoformat(sys.argv[3]), Path(sys.argv[2]))
"""


def test_a_publication_killed_halfway_leaves_nothing_to_upload_and_the_rerun_equals_a_clean_run(scenario, tmp_path):
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    warehouse = scenario.workdir / "warehouse.duckdb"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_WHILE_PUBLISHING, str(warehouse), str(out), "2026-05-10"], cwd=REPO
    )
    assert killed.returncode == -signal.SIGKILL
    assert not (out / "2026-05-10").exists()  # only a hidden staging folder, which the next run removes
    assert scenario.query("select count(*) from publish.double_publicity_history")[0][0] == 0
    results = publish(scenario, "2026-05-10", out)
    assert {r.source: r.changes for r in results} == {"licenses": {"新增": 1}, "penalties": {"新增": 1}}
    assert (out / "2026-05-10" / "manifest.json").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_failed_re_run_keeps_the_last_good_publication_and_history(scenario, tmp_path, monkeypatch):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    before = {p.name: p.read_bytes() for p in (out / "2026-05-10").iterdir()}
    scenario.deliver("2026-05-10", "penalties", penalty(decision_doc_no="乙2号", **GENERAL)).run()
    import creditwh.publication.double_publicity as dp

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dp, "write_xlsx_query", disk_full)
    with pytest.raises(OSError):
        publish(scenario, "2026-05-10", out)
    assert {p.name: p.read_bytes() for p in (out / "2026-05-10").iterdir()} == before
    assert [r[0] for r in scenario.query("select decision_doc_no from publish.double_publicity_history")] == ["甲1号"]


def test_an_old_15_digit_registration_number_is_published_as_it_is(scenario, tmp_path):
    # 350102 200305 127: a 工商注册号 with a first-generation ID's shape (area, a real YYMMDD, a sequence)
    scenario.deliver(
        "2026-05-06", "penalties", penalty(decision_doc_no="甲1号", business_reg_no="350102200305127", **GENERAL)
    ).run()
    publish(scenario, "2026-05-10", tmp_path / "out")
    assert read_full_set(tmp_path / "out" / "2026-05-10")["行政相对人代码_2（工商注册号）"].to_list() == [
        "350102200305127"
    ]


def test_a_correction_is_read_as_a_delivered_value_is(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    scenario.deliver(
        "2026-05-20",
        "objections",
        verdict("甲1号", "更正", "处罚有效期=2027年5月4日；罚款金额（万元）=0.40万元"),
    ).run()
    publish(scenario, "2026-05-20", tmp_path / "out")
    [row] = read_full_set(tmp_path / "out" / "2026-05-20").to_dicts()
    assert (row["处罚有效期"], row["罚款金额（万元）"]) == ("2027/05/04", "0.4")


def test_the_written_files_are_read_back_before_the_folder_is_put_in_place(scenario, tmp_path, monkeypatch):
    import creditwh.publication.double_publicity as dp

    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    # a step after the frame's checks (the form a file is written in) puts a number into the file
    real = dp.national_form

    def leaking_form(source, header="zh", relation=""):
        return [(f"'身份证{PERSON_ID}'", h) if h == "备注" else (e, h) for e, h in real(source, header, relation)]

    monkeypatch.setattr(dp, "national_form", leaking_form)
    with pytest.raises(dp.UnmaskedIdentityNumber, match="写出的公示文件"):
        publish(scenario, "2026-05-10", tmp_path / "out")
    assert not (tmp_path / "out" / "2026-05-10").exists()
    assert not [p for p in (tmp_path / "out").iterdir()]  # the hidden folder is gone too
    assert scenario.query("select count(*) from publish.double_publicity_history")[0][0] == 0


KILL_AFTER_COMMIT = """
import os, signal, sys
from datetime import date
from pathlib import Path
import creditwh.publication.folder as folder
from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import publish_double_publicity

def die(staged, final):  # the history is committed; the folder not yet renamed into place
    os.kill(os.getpid(), signal.SIGKILL)
folder._swap = die
with connect(Path(sys.argv[1])) as con:
    publish_double_publicity(con, date.fromisoformat(sys.argv[3]), Path(sys.argv[2]))
"""


def test_a_publication_killed_after_its_commit_is_put_in_place_by_the_next_run(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_COMMIT, str(scenario.workdir / "warehouse.duckdb"), str(out), "2026-05-10"],
        cwd=REPO,
    )
    assert killed.returncode == -signal.SIGKILL
    assert not (out / "2026-05-10").exists()
    assert history(scenario, "甲1号") == [(date(2026, 5, 10), None)]  # committed: the public will be told
    results = publish(scenario, "2026-05-11", out)
    # the next run first finishes the day the history says was published, then publishes its own
    manifest = json.loads((out / "2026-05-10" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2026-05-10" and (out / "2026-05-11" / "manifest.json").exists()
    assert {r.source: r.changes for r in results}["penalties"] == {}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_day_moved_aside_by_an_unfinished_swap_is_put_back_by_a_later_days_run(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", **GENERAL)).run()
    out = tmp_path / "out"
    publish(scenario, "2026-05-10", out)
    os.replace(out / "2026-05-10", out / ".2026-05-10.previous")  # a same-day re-run killed between its renames
    publish(scenario, "2026-05-11", out)
    assert (out / "2026-05-10" / "manifest.json").exists() and not (out / ".2026-05-10.previous").exists()
