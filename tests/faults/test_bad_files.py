"""Corrupted landing files are rejected with their reason; they stop nothing, lose nothing, and change no answer."""

import duckdb

from tests.support.faults import warehouse_digest

# what is published and what the credit answers are built from: the bad files must leave them as a clean run has them
ANSWERS = ("core.", "marts.list_memberships", "marts.credit_standing_history", "marts.screenings", "publish.")


def _answers(digest: dict) -> dict:
    return {table: value for table, value in digest.items() if table.startswith(ANSWERS)}


def test_corrupted_files_are_rejected_with_reasons_and_the_good_files_give_a_clean_runs_answers(site, clean_run):
    day = sorted(p.name for p in (site.landing / "penalties").iterdir())[0]
    folder = site.landing / "penalties" / day
    good = next(folder.glob("*.csv")).read_text(encoding="utf-8").splitlines()
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # a zip cut off in transfer
    (folder / "noise.csv").write_bytes(bytes(range(128, 256)) * 20)  # no text encoding reads it
    (folder / "empty.csv").write_bytes(b"")
    (folder / "cut.csv").write_text(good[0] + "\n" + good[1][: len(good[1]) // 2] + '"', encoding="utf-8")

    run = site.run()

    assert run.returncode == 0, run.stderr[-3000:]
    assert "检查未通过" not in run.stderr  # the conservation checks: rows in = loaded + rejected, per partition
    with duckdb.connect(str(site.warehouse), read_only=True) as con:
        reasons = dict(
            con.execute(
                "select split_part(source_file, '/', 3), message_zh from raw.landing_files "
                "where status = 'rejected' and source_file like 'penalties/%'"
            ).fetchall()
        )
        messages = con.execute(
            "select message_zh || ' ' || coalesce(message_en, '') from raw.landing_files where status = 'rejected' "
            "union all select reason_zh || ' ' || coalesce(reason_en, '') from raw.rejections"
        ).fetchall()
        cut_lines = con.execute("select count(*) from raw.rejections where source_file like '%cut.csv'").fetchone()[0]
    assert set(reasons) >= {"broken.xlsx", "noise.csv", "empty.csv"}
    assert "空文件" in reasons["empty.csv"]
    assert all(reason for reason in reasons.values())
    # what a unit reads names its own file, never a folder of the server
    assert not [m for (m,) in messages if str(site.root) in m or "/tmp/" in m or "creditwh-" in m]
    assert "cut.csv" in reasons or cut_lines == 1  # the half line is rejected, by itself or with its file
    assert _answers(warehouse_digest(site.warehouse)) == _answers(clean_run)
    assert site.unfinished_runs() == [] and site.incomplete_publications() == []
