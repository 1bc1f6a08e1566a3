"""The tables a credit check reads are laid out by subject bucket (core.subject_bucket, then key): a lookup then
reads one row group of each rather than all. The weekly maintenance puts the days' changes, appended out of that
order, back in it and changes nothing else; every build, whole or of the day's changes, keeps each row's bucket."""

from datetime import date

import pytest

from creditwh.credit.build import credit_check
from creditwh.maintenance.storage import SORTED_BY_SUBJECT, maintain
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, SERIOUS, as_person, penalty, uscc
from tests.support.scenario import Scenario

LATER_USCC = uscc("91", "350102", "MA2Y3A1G")  # its bucket is below COMPANY_USCC's; delivered after it
# every table the check reads a subject from
CHECKED = (*SORTED_BY_SUBJECT, "core.subjects", "marts.list_memberships", "core.commitments")


@pytest.fixture
def two_days(tmp_path):
    """A whole build of a company and a person, then a day adding a subject whose bucket sorts before theirs;
    the warehouse file."""
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-03-12", "penalties", penalty(decision_doc_no="罚1号", decision_date="2026-03-10"))
        .deliver("2026-03-12", "penalties", penalty(**as_person(), decision_doc_no="罚3号", decision_date="2026-03-09"))
        .run()
        .deliver(
            "2026-04-20",
            "penalties",
            penalty(**{**SERIOUS, "decision_doc_no": "罚2号", "decision_date": "2026-04-15"}, uscc=LATER_USCC),
        )
        .run()
    )
    return scenario.workdir / "warehouse.duckdb"


def in_storage_order(con, table):
    return con.execute(f"select subject_bucket, subject_key from {table} order by rowid").fetchall()


def bucket(con, key):
    return con.execute("select core.subject_bucket(?)", [key]).fetchone()[0]


def content(con, table):
    return sorted(map(repr, con.execute(f"select * from {table}").fetchall()))


def test_the_day_s_appended_rows_are_put_back_in_subject_order_and_nothing_else_changes(two_days):
    with connect(two_days) as con:
        assert bucket(con, LATER_USCC) < bucket(con, COMPANY_USCC)
        before = {t: content(con, t) for t in SORTED_BY_SUBJECT}
        comments = con.execute(
            "select comment from duckdb_tables() where schema_name || '.' || table_name = 'core.credit_events'"
        ).fetchone()
        answer = credit_check(con, LATER_USCC, date(2026, 5, 1))
        # the second day's rows were appended after the first day's: out of bucket order
        assert in_storage_order(con, "core.credit_events") != sorted(in_storage_order(con, "core.credit_events"))
        done = maintain(con, keep_days=7)
        for table in SORTED_BY_SUBJECT:
            assert table in done["sorted_by_subject"]
            keys = in_storage_order(con, table)
            assert keys == sorted(keys), table
            assert content(con, table) == before[table], table
        assert (
            con.execute(
                "select comment from duckdb_tables() where schema_name || '.' || table_name = 'core.credit_events'"
            ).fetchone()
            == comments
        )
        assert credit_check(con, LATER_USCC, date(2026, 5, 1)) == answer


def test_every_row_the_check_reads_carries_its_subject_s_bucket_after_whole_and_incremental_builds(two_days):
    with connect(two_days) as con:
        for table in CHECKED:
            rows = con.execute(
                f"select count(*), count(*) filter (where subject_bucket is not distinct from "
                f"core.subject_bucket(subject_key)) from {table}"
            ).fetchone()
            assert rows[0] == rows[1], table
        # the tables built whole each day are written in bucket order (core.subjects is kept from change since:
        # its days' changes append, and the weekly maintenance sorts it with the others)
        for table in ("marts.list_memberships", "core.commitments"):
            keys = in_storage_order(con, table)
            assert keys == sorted(keys), table


def test_the_maintenance_leaves_a_table_built_by_older_code_without_a_bucket_to_its_next_whole_build(tmp_path):
    with connect(tmp_path / "warehouse.duckdb") as con:
        con.execute("create schema if not exists core")
        con.execute("create table core.credit_events as select 'K' || i as subject_key from range(3) as t(i)")
        done = maintain(con, keep_days=7)
        assert "core.credit_events" not in done["sorted_by_subject"]
        assert con.execute("select count(*) from core.credit_events").fetchone()[0] == 3
