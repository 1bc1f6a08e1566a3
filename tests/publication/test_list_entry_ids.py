"""名单记录编号 reveals no identity number (REFERENCE §3): a person's number is published masked (first 6 and last 4
kept), so only the birth date is unknown; an entry id that were an unsalted function of the number would give it back
to anyone trying every birth date. Published lists are attacked here as an attacker who has this code (and its demo
salt) but not the deployment's secret would; and a publication log written before the ids were salted is migrated."""

import hashlib
import secrets
from datetime import date

import duckdb
import polars as pl
import pytest

from creditwh.platform.config import id_salt
from creditwh.platform.sources import SOURCES
from creditwh.platform.warehouse import connect
from creditwh.publication import entry_ids
from creditwh.publication.lists import publish_lists
from creditwh.sample.builders import COMPANY_USCC, as_person, clean, person_id, serious_penalty
from tests.support.scenario import Scenario

DEMO_SALT = "gulou-demo-salt"  # public: it is in this repository
PENALIZED = person_id(birth="19871203", seq="045")
COURT_LISTED = person_id(area="350104", birth="19620718", seq="332")
REWARDED = person_id(area="350105", birth="20010301", seq="118")


@pytest.fixture(autouse=True)
def secret_salt(monkeypatch):
    """The deployment's secret: not the demo salt the attacker can read here."""
    monkeypatch.setenv("CREDIT_ID_SALT", secrets.token_hex(16))


def upstream_person(id_no: str, name: str, **overrides) -> dict:
    return clean("upstream_lists", subject_type="自然人", uscc="", person_id_no=id_no, subject_name=name, **overrides)


def rewarded(valid_until: str) -> dict:
    """钱七 on the tax bureau's A-class list from 10 May 2026: the red list's person."""
    return upstream_person(
        REWARDED,
        "钱七",
        list_type="纳税信用A级纳税人",
        kind="激励",
        listed_on="2026-05-10",
        valid_until=valid_until,
        decision_doc_no="榕税A〔2026〕7号",
    )


def publish(scenario, as_of: str) -> None:
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        publish_lists(con, date.fromisoformat(as_of), scenario.workdir / "out")


def read(scenario, as_of: str, name: str) -> list[dict]:
    return pl.read_csv(scenario.workdir / "out" / as_of / f"{name}.csv", infer_schema=False).to_dicts()


# Every unsalted way an attacker who has read this code would try to rebuild an id from a candidate number n: the
# number itself, the subject key (as core.person_key builds it, with no salt or the demo salt), a record's key and
# event id (core.record_event_id: source, 依据文书号 and the number, a ban's '#ban'), a red-list run's key and a
# date the row shows, each through md5, sha256 and core.list_entry_id with no salt or the demo salt.
CANDIDATES = """
with days as (
    select cast(day as date) as day from range(date '1900-01-01', current_date + 1, interval 1 day) as t (day)
),
bodies as (select $area || strftime(day, '%Y%m%d') || left($tail, 3) as body from days),
candidates as (
    -- the ID check character (GB 11643) leaves about 1 birth date in 11
    select body || right($tail, 1) as n
    from bodies
    where right($tail, 1) = substr('10X98765432', 1 + cast(list_sum(list_transform(
        range(17), i -> cast(substr(body, i + 1, 1) as int) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1]
    )) as int) % 11, 1)
)
"""
ATTACK = (
    CANDIDATES
    + """,
keys as (
    select n, n as k from candidates
    union all
    select n, 'P' || left(sha256(salt || n), 24) from candidates, unnest($salts) as s (salt)
),
bases as (
    select n, k as b from keys
    union all
    select n, k || ':' || day from keys, unnest($days) as d (day)
    union all
    select n, doc || '|' || n from candidates, unnest($docs) as d (doc)
    union all
    select n, source || ':' || doc || '|' || n || suffix
    from candidates, unnest($docs) as d (doc), unnest($sources) as s (source), unnest(['', '#ban']) as x (suffix)
),
hashes as (
    select n, md5(b) as h from bases
    union all
    select n, sha256(b) from bases
    union all
    select n, 'E' || left(sha256(salt || '|' || b), 31) from bases, unnest($salts) as s (salt)
)
select distinct n from hashes where list_contains($published, h) order by n
"""
)


def candidates(masked: str) -> list[str]:
    with duckdb.connect() as con:
        query = CANDIDATES + "select n from candidates"
        return [n for (n,) in con.execute(query, {"area": masked[:6], "tail": masked[-4:]}).fetchall()]


def recover(masked: str, docs: list[str], days: list[str], published: list[str]) -> list[str]:
    """The numbers whose unsalted forms give a published id, of all numbers the masked one may be."""
    with duckdb.connect() as con:
        params = {
            "area": masked[:6],
            "tail": masked[-4:],
            "docs": docs,
            "days": days,
            "sources": sorted(SOURCES),
            "salts": ["", DEMO_SALT],
            "published": published,
        }
        return [n for (n,) in con.execute(ATTACK, params).fetchall()]


def attack_inputs(row: dict) -> tuple[str, list[str], list[str]]:
    return row["统一社会信用代码/证件号码"], (row["依据文书号"] or "").split("；"), [row["列入日期"], row["公示日期"]]


@pytest.fixture
def published(tmp_path) -> tuple[list[dict], list[dict]]:
    """Two persons on the black list (a serious penalty; a court's 失信被执行人 list) and one on the red list."""
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", serious_penalty(**as_person(PENALIZED, "王五")))
    scenario.deliver("2026-05-06", "upstream_lists", upstream_person(COURT_LISTED, "赵六", listed_on="2026-05-04"))
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        rewarded(valid_until="2027-12-31"),
    )
    scenario.run()
    publish(scenario, "2026-06-01")
    return read(scenario, "2026-06-01", "black_list"), read(scenario, "2026-06-01", "red_list")


def test_no_birth_date_gives_back_a_published_entry_id(published):
    black, red = published
    rows = [r for r in black + red if "********" in r["统一社会信用代码/证件号码"]]
    assert len(rows) == 3 and len([r for r in rows if r in red]) == 1
    ids = [r["名单记录编号"] for r in black + red]
    for row in rows:
        masked, docs, days = attack_inputs(row)
        assert recover(masked, docs, days, ids) == [], row


def test_the_attack_finds_the_number_behind_an_unsalted_or_a_known_salted_id(published):
    # the check above could fail: the same brute force gives back each person's number from the ids the lists
    # published before (md5 of the record's event id; md5 of the subject key and the day, under the demo salt), and
    # from today's form were the secret the demo salt
    black, red = published
    truth = {PENALIZED: ("penalties", black), COURT_LISTED: ("upstream_lists", black), REWARDED: (None, red)}
    for number, (source, rows) in truth.items():
        (row,) = [r for r in rows if r["统一社会信用代码/证件号码"] == number[:6] + "********" + number[-4:]]
        masked, docs, days = attack_inputs(row)
        assert number in candidates(masked)
        if source is not None:  # black: named by its record, 'source:doc|number'
            basis = f"{source}:{docs[0]}|{number}"
        else:  # red: a run of the subject's standing, 'key:day'
            basis = "P" + hashlib.sha256((DEMO_SALT + number).encode()).hexdigest()[:24] + ":" + days[0]
        old = hashlib.md5(basis.encode()).hexdigest()
        known_salt = "E" + hashlib.sha256(f"{DEMO_SALT}|{basis}".encode()).hexdigest()[:31]
        for leaked in (old, known_salt):
            assert recover(masked, docs, days, [leaked]) == [number]
        # and the published id is neither
        assert row["名单记录编号"] not in (old, known_salt) and row["名单记录编号"].startswith("E")


def test_a_log_of_unsalted_ids_is_migrated_and_no_entry_looks_new_or_exited(tmp_path):
    listed = serious_penalty(**as_person(PENALIZED, "王五"))
    repaired = serious_penalty(decision_doc_no="榕鼓财罚〔2026〕21号")  # a company's, repaired on 1 June 2027
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", listed)
    scenario.deliver("2026-05-06", "penalties", repaired)
    scenario.deliver(
        "2027-06-02",
        "repairs",
        clean("repairs", record_doc_no=repaired["decision_doc_no"], applied_on="2027-05-20", decided_on="2027-06-01"),
    )
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        rewarded(valid_until="2028-12-31"),
    )
    scenario.run()
    publish(scenario, "2027-05-31")
    salt = id_salt()
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        # the log as the code before salted ids wrote it: md5 of the record's event id, of the run's key and start
        con.execute("""
            update publish.list_publication_log as log set entry_id = md5(m.basis_event)
            from marts.list_memberships as m where log.list = 'black' and m.entry_id = log.entry_id
        """)
        con.execute(
            """
            update publish.list_publication_log as log set entry_id = md5(runs.subject_key || ':' || runs.entered_on)
            from marts.list_runs(date '2027-05-31') as runs
            where log.list = 'red' and runs.list = 'red'
              and core.list_entry_id(runs.subject_key || ':' || runs.entered_on, ?) = log.entry_id
            """,
            [salt],
        )
        # and an entry whose record has gone since: nothing names it now
        con.execute("""
            insert into publish.list_publication_log
            values ('black', md5('penalties:gone'), 'Pgone', date '2026-06-01', date '2026-07-01')
        """)
        old = con.execute("select list, subject_key, published_from, published_to from publish.list_publication_log")
        old = old.fetchall()
        assert con.execute("select count(*) from publish.list_publication_log where entry_id like 'E%'").fetchone() == (
            0,
        )
        assert sorted(row[0] for row in old) == ["black", "black", "black", "red"]
    publish(scenario, "2027-06-02")
    # still carried, since the day the public first saw them; the repaired entry's exit announced, and nothing else
    black, red = read(scenario, "2027-06-02", "black_list"), read(scenario, "2027-06-02", "red_list")
    assert [(r["依据文书号"], r["公示日期"]) for r in black] == [(listed["decision_doc_no"], "2027-05-31")]
    assert [r["公示日期"] for r in red] == ["2027-05-31"]
    notices = read(scenario, "2027-06-02", "list_notices")
    assert [(n["公告类型"], n["原记录文书号"], n["原公示日期"]) for n in notices] == [
        ("移出公告", repaired["decision_doc_no"], "2027-05-31")
    ]
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        log = con.execute("""
            select list, entry_id, subject_key, published_from, published_to from publish.list_publication_log
            order by all
        """).fetchall()
        # every id salted; no entry opened again, only the repaired one closed
        assert all(entry_id.startswith("E") for _, entry_id, *_ in log)
        assert sorted((lst, key, start, end) for lst, _, key, start, end in log) == sorted(
            (lst, key, start, date(2027, 6, 2) if key == COMPANY_USCC else end) for lst, key, start, end in old
        )
        assert entry_ids.salt_logged_entry_ids(con) == 0  # done once
        again = con.execute("select * from publish.list_publication_log order by all").fetchall()
        assert sorted(again) == sorted(log)


def test_lists_published_under_the_demo_salt_say_so_in_their_manifest(tmp_path, monkeypatch):
    import json

    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    publish(scenario, "2026-05-20")  # the deployment's secret (the fixture)
    manifest = json.loads((scenario.workdir / "out" / "2026-05-20" / "manifest.json").read_text(encoding="utf-8"))
    assert "注意" not in manifest
    monkeypatch.delenv("CREDIT_ID_SALT")
    publish(scenario, "2026-05-21")
    manifest = json.loads((scenario.workdir / "out" / "2026-05-21" / "manifest.json").read_text(encoding="utf-8"))
    assert "CREDIT_ID_SALT" in manifest["注意"]


def test_outside_the_demo_lists_are_not_published_with_the_demo_salt(tmp_path, monkeypatch):
    from creditwh.publication.lists import DemoSaltRefused

    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    monkeypatch.delenv("CREDIT_ID_SALT")
    monkeypatch.delenv("CREDIT_DEMO")
    with pytest.raises(DemoSaltRefused, match="CREDIT_ID_SALT"):
        publish(scenario, "2026-05-20")
    assert not (scenario.workdir / "out" / "2026-05-20").exists()
