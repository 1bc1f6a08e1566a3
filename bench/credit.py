"""Benchmark: deriving classes and lists for S subjects and N events, beside a bare load of the events.

    .venv/bin/python -m bench.credit --subjects 1000000 --events 10000000

Synthetic events (shaped like core.credit_events) are written to Parquet and CSV; the floor is DuckDB's
bare read_csv of that file; then the mart steps run as the pipeline runs them. Prints and writes
bench/results/credit.json and .md. No assertion.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from creditwh.credit.build import build_step, prepare_core
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect
from creditwh.platform.workdays import write_calendar

RESULTS = Path(__file__).parent / "results"


def timed(fn):
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv_file = tmp / "events.csv"
        with connect(tmp / "warehouse.duckdb") as con:
            gen = timed(
                lambda: execute(con, "credit/synthetic_events", {"events": args.events, "subjects": args.subjects})
            )
            con.execute("copy bench_events to ? (header)", [str(csv_file)])
            con.close()
        bare = duckdb.connect(str(tmp / "bare.duckdb"))
        floor = timed(lambda: bare.execute("create table e as select * from read_csv(?)", [str(csv_file)]))
        bare.close()
        with connect(tmp / "warehouse.duckdb") as con:
            write_calendar(con, date(2027, 12, 31))
            prepare_core(con)
            con.execute("create or replace table core.credit_events as select * from bench_events")
            con.execute(
                "create or replace table core.case_effects as select null::varchar as event_id, "
                "null::varchar as subject_key, null::varchar as case_kind, null::varchar as case_no, "
                "null::varchar as record_doc_no, null::date as opened_on, null::date as closed_on, "
                "null::varchar as outcome, null::varchar as correction, null::date as reported_on, "
                "null::varchar as source_file, null::bigint as source_row, null::date as first_reported, "
                "false as repaired_before_min limit 0"
            )
            con.execute(
                "create or replace table core.subjects as select distinct subject_key, null::varchar as subject_type, "
                "null::varchar as uscc, null::varchar as subject_name, null::varchar[] as name_history, "
                "null::varchar as legal_rep, null::varchar as legal_rep_key, null::date as first_reported, "
                "null::date as last_reported from bench_events"
            )
            steps = {
                step: timed(lambda s=step: build_step(con, s))
                for step in ("credit/event_timelines", "credit/credit_standing_history", "credit/list_memberships")
            }
            history_rows = con.execute("select count(*) from marts.credit_standing_history").fetchone()[0]
    figures = {
        "subjects": args.subjects,
        "events": args.events,
        "generate_s": gen,
        "bare_load_s": floor,
        **{f"{k.split('/')[1]}_s": v for k, v in steps.items()},
        "derive_over_bare": round(sum(steps.values()) / floor, 2),
        "history_rows": history_rows,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "memory_goal": "under 4 GB",
        "machine": f"{platform.machine()} {os.cpu_count()} cores, duckdb {duckdb.__version__}",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "credit.json").write_text(json.dumps(figures, indent=2))
    md = "| figure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in figures.items())
    (RESULTS / "credit.md").write_text("# Credit derivation benchmark\n\n" + md + "\n")
    print(md)


if __name__ == "__main__":
    main()
