"""双公示 works from change: a day builds only the records whose publication may have changed, and a full-set day
writes again only the parts of the whole set whose content changed. Whatever the days did, the change files add up
to the whole set, and the parts in force are, byte for byte, what a whole rebuild on the same data writes."""

import json
import shutil
from datetime import date

import polars as pl
import pytest

from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import PUBLISHED_SOURCES, publish_double_publicity
from creditwh.publication.full_set import listed
from creditwh.sample.builders import PERSON_ID, clean, penalty
from tests.support.full_set import read_full_set
from tests.support.scenario import Scenario

GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")
KEY = {"penalties": "行政处罚决定书文号", "licenses": "行政许可决定文书号"}


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def publish(warehouse, as_of, out, full_set=None):
    with connect(warehouse) as con:
        return {r.source: r for r in publish_double_publicity(con, date.fromisoformat(as_of), out, full_set=full_set)}


def apply_changes(held: dict, folder, source) -> None:
    """What the city platform does with a day's upload: 新增/更新 from the import file, 撤下 by document number."""
    imported = pl.read_csv(folder / f"{source}_changes.csv", infer_schema=False).to_dicts()
    for operation in pl.read_csv(folder / f"{source}_operations.csv", infer_schema=False).to_dicts():
        if operation["操作"] == "撤下":
            del held[operation["决定文书号"]]
        else:
            row = imported[int(operation["导入文件行号"]) - 1]
            held[row[KEY[source]]] = row


def parts(folder) -> list[tuple]:
    """The parts a manifest lists: source, month, and each file's name, rows and sha256 (not the folder)."""
    return [(p["source"], p["part"], [(f["file"], f["rows"], f["sha256"]) for f in p["files"]]) for p in listed(folder)]


def rebuild_whole(scenario, as_of, out):
    """The same warehouse with no publication history: every record built, the whole set written at once."""
    copy = scenario.workdir / "rebuilt.duckdb"
    shutil.copy(scenario.workdir / "warehouse.duckdb", copy)
    with connect(copy) as con:
        for table in ("history", "runs", "parts", "held"):
            con.execute(f"drop table publish.double_publicity_{table}")
        con.execute("delete from ops.change_consumers where consumer = 'publish.double_publicity'")
    return publish(copy, as_of, out, full_set=True)


def daily(scenario):
    """Run the day's deliveries only, as a daily run validates them (the harness validates again every day it was
    given)."""
    scenario.run()
    scenario.deliveries.clear()


def test_the_days_changes_add_up_to_the_whole_set_and_its_parts_to_a_whole_rebuild(scenario, tmp_path):
    warehouse, out = scenario.workdir / "warehouse.duckdb", tmp_path / "out"
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", decision_date="2026-04-20", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", decision_date="2026-05-04", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="丙3号", decision_date="2026-05-04", **GENERAL))
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    daily(scenario)
    publish(warehouse, "2026-05-10", out)  # the first day: every record, and the whole set
    # a new record whose 税务登记号 is a person's ID: held back alone
    scenario.deliver(
        "2026-05-11",
        "penalties",
        penalty(decision_doc_no="丁4号", tax_reg_no=PERSON_ID, decision_date="2026-05-08", **GENERAL),
    )
    daily(scenario)
    assert publish(warehouse, "2026-05-11", out)["penalties"].changes == {}
    # 甲 corrected by an objection's 更正, 乙 repaired (withdrawn), 丁 re-sent without the ID (released)
    scenario.deliver(
        "2026-05-12",
        "objections",
        clean(
            "objections",
            record_doc_no="甲1号",
            accepted_on="2026-05-11",
            verdict="更正",
            correction="罚款金额（万元）=0.4；penalty_content=罚款人民币4000元",
            closed_on="2026-05-12",
        ),
    )
    scenario.deliver(
        "2026-05-12",
        "repairs",
        clean("repairs", record_doc_no="乙2号", applied_on="2026-05-11", decided_on="2026-05-12"),
    )
    scenario.deliver("2026-05-12", "penalties", penalty(decision_doc_no="丁4号", decision_date="2026-05-08", **GENERAL))
    daily(scenario)
    day = publish(warehouse, "2026-05-13", out)
    assert sorted(day["penalties"].changes.items()) == [("撤下", 1), ("新增", 1), ("更新", 1)]
    assert publish(warehouse, "2026-05-14", out)["penalties"].changes == {}  # nothing changed
    # 甲's window ends (令第36号: a general penalty, one year): nothing is delivered, the day withdraws it
    last = publish(warehouse, "2027-04-20", out, full_set=True)
    assert last["penalties"].changes == {"撤下": 1} and last["penalties"].rows == 2  # 丙, 丁

    # (a) the first whole set plus every later day's changes is the whole set in force
    for source in PUBLISHED_SOURCES:
        held = {row[KEY[source]]: row for row in read_full_set(out / "2026-05-10", source).to_dicts()}
        for later in ("2026-05-11", "2026-05-13", "2026-05-14", "2027-04-20"):
            apply_changes(held, out / later, source)
        in_force = read_full_set(out / "2027-04-20", source).to_dicts()
        assert held == {row[KEY[source]]: row for row in in_force} and len(in_force) == last[source].rows
    # (b) the parts in force are the files a whole rebuild writes, byte for byte
    rebuilt = rebuild_whole(scenario, "2027-04-20", tmp_path / "rebuilt")
    assert parts(out / "2027-04-20") == parts(tmp_path / "rebuilt" / "2027-04-20")
    assert {s: r.rows for s, r in rebuilt.items()} == {s: r.rows for s, r in last.items()}
    # the licenses' part did not change: it stays in the first day's folder
    assert [p["folder"] for p in listed(out / "2027-04-20") if p["source"] == "licenses"] == ["2026-05-10"]


def test_a_day_builds_only_the_records_whose_publication_may_have_changed(scenario, tmp_path):
    warehouse, out = scenario.workdir / "warehouse.duckdb", tmp_path / "out"
    for n in range(1, 6):
        scenario.deliver(
            "2026-05-06", "penalties", penalty(decision_doc_no=f"甲{n}号", decision_date="2026-05-04", **GENERAL)
        )
    scenario.run()
    assert publish(warehouse, "2026-05-10", out)["penalties"].built == 5
    scenario.deliveries.clear()  # a daily run validates the day delivered only
    scenario.deliver(
        "2026-05-11",
        "penalties",
        penalty(decision_doc_no="甲2号", decision_date="2026-05-04", **{**GENERAL, "fine_10k_yuan": "0.6"}),
    ).run()
    day = publish(warehouse, "2026-05-11", out)
    assert day["penalties"].built == 1 and day["penalties"].changes == {"更新": 1}
    changed = pl.read_csv(out / "2026-05-11" / "penalties_changes.csv", infer_schema=False)
    assert changed["行政处罚决定书文号"].to_list() == ["甲2号"]
    assert publish(warehouse, "2026-05-12", out)["penalties"].built == 0


def test_a_full_set_day_writes_again_only_the_parts_whose_content_changed(scenario, tmp_path):
    warehouse, out = scenario.workdir / "warehouse.duckdb", tmp_path / "out"
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", decision_date="2026-04-20", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", decision_date="2026-05-04", **GENERAL))
    scenario.run()
    publish(warehouse, "2026-05-10", out)
    scenario.deliver(
        "2026-05-11", "penalties", penalty(decision_doc_no="丙3号", decision_date="2026-05-08", **GENERAL)
    ).run()
    publish(warehouse, "2026-05-11", out, full_set=True)
    written = sorted(p.name for p in (out / "2026-05-11").glob("penalties_2026-*"))
    assert written == ["penalties_2026-05.csv", "penalties_2026-05.jsonl"]  # April's part did not change
    manifest = json.loads((out / "2026-05-11" / "manifest.json").read_text(encoding="utf-8"))
    where = {(p["source"], p["part"]): p["folder"] for p in manifest["parts"]}
    assert where == {("penalties", "2026-04"): "2026-05-10", ("penalties", "2026-05"): "2026-05-11"}
    assert read_full_set(out / "2026-05-11")["行政处罚决定书文号"].to_list() == ["甲1号", "乙2号", "丙3号"]
    # nothing changed: a full-set day writes no part and lists the same ones
    publish(warehouse, "2026-05-12", out, full_set=True)
    assert not list((out / "2026-05-12").glob("penalties_2026-*"))
    assert parts(out / "2026-05-12") == parts(out / "2026-05-11")


def test_a_whole_rebuild_builds_every_record_and_writes_every_part_again_with_the_same_bytes(
    scenario, tmp_path, monkeypatch
):
    # `creditwh run --rebuild`, for a suspected incremental fault: nothing is taken from the history or an earlier
    # folder, and what is written equals what the incremental day would have kept
    warehouse, out = scenario.workdir / "warehouse.duckdb", tmp_path / "out"
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", decision_date="2026-04-20", **GENERAL))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", decision_date="2026-05-04", **GENERAL))
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    daily(scenario)
    publish(warehouse, "2026-05-10", out)
    kept = publish(warehouse, "2026-05-11", out, full_set=True)
    assert kept["penalties"].built == 0  # nothing changed: nothing built, every part carried from 10 May
    assert {p["folder"] for p in listed(out / "2026-05-11")} == {"2026-05-10"}
    monkeypatch.setenv("CREDIT_WHOLE_REBUILD", "1")
    rebuilt = publish(warehouse, "2026-05-11", out, full_set=True)
    assert rebuilt["penalties"].built == 2 and rebuilt["penalties"].changes == {}
    assert {p["folder"] for p in listed(out / "2026-05-11")} == {"2026-05-11"}  # every part written again
    assert parts(out / "2026-05-11") == parts(out / "2026-05-10")  # with the same bytes
