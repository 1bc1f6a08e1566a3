"""Benchmark: the whole warehouse at city and province scale, beside the physical floor.

    make bench                       # N = 1M
    creditwh bench --rows 10000000

1. generates N sample rows over `--days` reporting days, plus one more day at 1% of N;
2. floor: DuckDB's bare read_csv of exactly the files the full run reads (xlsx through fastexcel, the only reader
   here; GB18030 files transcoded first, as DuckDB has no GB18030 codec offline), one table per file;
3. full: every asset through Dagster over the N-row days, then the assessment report, with a time per stage;
4. incremental: the extra day as one daily partition, the path the schedule takes; then that day's 双公示
   again with the whole set in force, as on the days policy writes one;
5. the same day on a copy of the full run that the weekly maintenance has laid out by subject first: the day a
   deployed warehouse runs (at most six days after a maintenance), where 4 runs on tables straight from a whole
   build;
6. each of 2–5 runs in its own process, so its peak RSS is its own.

Prints a table and writes pipeline-<N>.json and .md under bench/results/. No assertion: figures, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
WORK = REPO / "bench" / "work"
INCREMENTAL_SHARE = 0.01
# back-load: two years of history in which one day in a hundred holds files, at a district's daily volume × 0.3
BACKLOAD_DAYS, BACKLOAD_EVERY, BACKLOAD_SCALE = 730, 100, 0.3
CHECKS_TIMED, CHECK_BATCH = 200, 10_000

# Each Dagster step (op name = asset key joined by "__") belongs to one stage of the table.
STAGES = {
    "ingest": ("raw__",),
    "validate": ("staging__", "quality__"),
    "conform": ("core__",),
    "classify_list": (
        "marts__event_timelines",
        "marts__credit_standing_history",
        "marts__credit_class_daily",
        "marts__list_memberships",
        "marts__key_monitoring",
        "marts__credit_check",
    ),
    "screen": (
        "marts__screenings",
        "marts__restricted_awards",
        "marts__trigger_feedback",
        "publish__trigger_feedback_files",
    ),
    "publish": (
        "publish__double_publicity",
        "publish__credit_lists",
        "publish__key_monitoring",
        "publish__data_dictionary",
        "publish__analytics_snapshot",
    ),
    "metrics": (
        "marts__kpi",
        "publish__dashboard_feeds",
        "publish__dashboard",
        "publish__assessment_report",
        "assessment_report",
    ),
}


def stage_of(step_key: str) -> str:
    for stage, prefixes in STAGES.items():
        if step_key.startswith(prefixes):
            return stage
    return "other"


def peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


# ---------------------------------------------------------------- phases (each in its own process)


def phase_floor(work: Path, first: str, last: str) -> dict:
    """Bare read of every landed file of [first, last] into a DuckDB table: no validation, no lineage."""
    import duckdb
    import fastexcel

    from creditwh.ingest.landing import detect_encoding, transcode_to_utf8
    from creditwh.platform import config

    files = sorted(p for p in (work / "landing").glob("*/*/*") if p.is_file() and first <= p.parent.name <= last)
    (work / "floor.duckdb").unlink(missing_ok=True)
    con = duckdb.connect(str(work / "floor.duckdb"), config={"memory_limit": config.duckdb_memory_limit()})
    rows = 0
    start = time.perf_counter()
    for i, path in enumerate(files):
        if path.suffix == ".xlsx":
            con.from_arrow(fastexcel.read_excel(path).load_sheet(0, header_row=None).to_arrow()).create(f"f{i}")
        else:
            encoding = detect_encoding(path)
            if encoding is None:  # undecodable: the pipeline rejects the whole file unread too
                continue
            readable = path if encoding.startswith("utf-8") else transcode_to_utf8(path, encoding, work / "floor.csv")
            options = dict(header=False, all_varchar=True, null_padding=True, strict_mode=False)
            try:
                con.read_csv(str(readable), **options).create(f"f{i}")
            except duckdb.Error as exc:  # quoted line breaks with null_padding need the serial reader
                if "parallel=false" not in str(exc):
                    raise
                con.read_csv(str(readable), parallel=False, **options).create(f"f{i}")
        rows += con.table(f"f{i}").shape[0]
    seconds = time.perf_counter() - start
    con.close()
    return {"seconds": seconds, "files": len(files), "rows_read": rows, "peak_rss_mb": peak_rss_mb()}


def _step_windows(instance, run_id: str) -> dict[str, tuple[float, float]]:
    """(start, end) per step, epoch seconds, from the run's STEP_START and STEP_SUCCESS/FAILURE events."""
    started: dict[str, float] = {}
    windows: dict[str, tuple[float, float]] = {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            windows[event.step_key] = (started[event.step_key], entry.timestamp)
    return windows


def _step_times(instance, run_id: str) -> dict[str, float]:
    """Seconds per step."""
    return {key: end - start for key, (start, end) in _step_windows(instance, run_id).items()}


class RssSampler:
    """This process's resident set, sampled every `every` seconds by a thread, so that the step holding the peak
    can be named: ru_maxrss gives only the run's peak."""

    def __init__(self, every: float = 0.25):
        import threading

        self.every, self.samples, self._stop = every, [], threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            with open("/proc/self/status") as fh:
                kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            self.samples.append((time.time(), kb))
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def peaks(self, windows: dict[str, tuple[float, float]]) -> dict[str, int]:
        """Highest sampled RSS (MB) within each step's window."""
        return {
            key: round(max((kb for t, kb in self.samples if start <= t <= end), default=0) / 1024)
            for key, (start, end) in windows.items()
        }


def _ingest_selection():
    import dagster as dg

    from creditwh.platform.sources import SOURCES

    return dg.AssetSelection.groups("raw") | dg.AssetSelection.assets(*[["staging", s] for s in SOURCES])


def _ingest_chunk(work: str, first: str, last: str) -> dict:
    """A worker process: ingest and validate the partitions [first, last], as one of several concurrent runs."""
    import dagster as dg

    from pipelines.runner import failures, materialize_range

    data = Path(work) / "data"
    with dg.DagsterInstance.ephemeral() as instance:
        result = materialize_range(
            Path(work) / "landing", data / "warehouse.duckdb", first, last, instance, selection=_ingest_selection()
        )
        return {
            "steps": _step_times(instance, result.run_id),
            "failures": failures(result),
            "peak_rss_mb": peak_rss_mb(),
        }


def _parallel_ingest(work: Path, first: str, last: str, workers: int) -> tuple[float, dict, list[str], int]:
    """Partitions split into `workers` contiguous ranges, ingested by that many processes at once (DuckLake)."""
    import multiprocessing

    from creditwh.platform.warehouse import connect
    from creditwh.platform.workdays import write_calendar

    with connect(work / "data" / "warehouse.duckdb") as con:  # schemas and calendar once, before the workers
        write_calendar(con, date(date.today().year + 1, 12, 31))
    days = [
        date.fromisoformat(first) + timedelta(d)
        for d in range((date.fromisoformat(last) - date.fromisoformat(first)).days + 1)
    ]
    size = -(-len(days) // workers)
    chunks = [
        (str(work), c[0].isoformat(), c[-1].isoformat())
        for c in (days[i : i + size] for i in range(0, len(days), size))
    ]
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(len(chunks)) as pool:
        outs = pool.starmap(_ingest_chunk, chunks)
    seconds = time.perf_counter() - start
    steps: dict[str, float] = {}
    for i, out in enumerate(outs):
        steps.update({f"{key}#{i}": s for key, s in out["steps"].items()})
    return seconds, steps, [f for out in outs for f in out["failures"]], max(o["peak_rss_mb"] for o in outs)


def phase_run(work: Path, first: str, last: str, with_report: bool, workers: int = 1) -> dict:
    """One Dagster run over [first, last] (and, for the full run, the assessment report due after `last`).

    With workers > 1 (DuckLake), ingest and validation first run as that many concurrent runs, then the rest.
    """
    os.environ["CREDIT_DATA_DIR"] = str(work / "data")
    os.environ.pop("DAGSTER_HOME", None)
    import dagster as dg

    from creditwh.assessment.kpi import next_report
    from creditwh.platform import config
    from pipelines.runner import failures, instance_for, materialize_range, materialize_report

    data = work / "data"
    steps: dict[str, float] = {}
    failed: list[str] = []
    parallel_s, worker_rss = None, 0
    start = time.perf_counter()
    selection = None
    if workers > 1:
        parallel_s, steps, failed, worker_rss = _parallel_ingest(work, first, last, workers)
        selection = dg.AssetSelection.all() - _ingest_selection()
    windows: dict[str, tuple[float, float]] = {}
    with instance_for(data) as instance, RssSampler() as rss:
        result = materialize_range(
            work / "landing", data / "warehouse.duckdb", first, last, instance, selection=selection
        )
        windows.update(_step_windows(instance, result.run_id))
        failed += failures(result)
        if with_report and result.success:
            report = materialize_report(next_report(date.fromisoformat(last)).key, data / "warehouse.duckdb", instance)
            windows.update(_step_windows(instance, report.run_id))
            failed += failures(report)
    steps.update({key: end - start for key, (start, end) in windows.items()})
    step_rss = dict(sorted(rss.peaks(windows).items(), key=lambda kv: -kv[1]))
    seconds = time.perf_counter() - start
    stages = {stage: 0.0 for stage in STAGES}
    for key, s in steps.items():
        stages[stage_of(key)] = stages.get(stage_of(key), 0.0) + s
    if parallel_s is None:
        stages["dagster_overhead"] = seconds - sum(steps.values())
    stored = Path(config.ducklake_data_path()) if config.catalog() == "ducklake" else data / "warehouse.duckdb"
    size = sum(p.stat().st_size for p in stored.rglob("*") if p.is_file()) if stored.is_dir() else stored.stat().st_size
    return {
        "seconds": seconds,
        "success": not failed,
        "failures": failed,
        "stages": stages,
        "steps": steps,
        "catalog": config.catalog(),
        "workers": workers,
        "parallel_ingest_s": parallel_s,
        "peak_rss_mb": max(peak_rss_mb(), worker_rss),
        "step_peak_rss_mb": step_rss,
        "warehouse_mb": round(size / 1e6),
    }


def phase_full_set(work: Path) -> dict:
    """The incremental day's 双公示 again, with the whole set in force written and read back: what that step costs
    on the days policy (full_set_every_days) or staff ask for a full set."""
    os.environ["CREDIT_DATA_DIR"] = str(work / "data")
    os.environ.pop("DAGSTER_HOME", None)
    import dagster as dg

    from assets.publication import double_publicity
    from pipelines.resources import WarehouseResource
    from pipelines.runner import failures, instance_for

    data = work / "data"
    with instance_for(data) as instance:
        result = dg.materialize(
            [double_publicity],
            instance=instance,
            raise_on_error=False,
            resources={"warehouse": WarehouseResource(path=str(data / "warehouse.duckdb"))},
            run_config={"ops": {"publish__double_publicity": {"config": {"full_set": True}}}},
        )
        steps = _step_times(instance, result.run_id)
    return {
        "seconds": sum(steps.values()),
        "success": result.success,
        "failures": failures(result),
        "peak_rss_mb": peak_rss_mb(),
    }


def phase_backload(work: Path) -> dict:
    """`creditwh run` over a sparse history: BACKLOAD_DAYS days ending today, files on one day in BACKLOAD_EVERY
    (the sample generator with the other days' volume set to 0; corrections it schedules may add a few days)."""
    os.environ["CREDIT_DATA_DIR"] = str(work / "data")
    os.environ.pop("DAGSTER_HOME", None)
    from creditwh.sample.generator import generate as sample
    from pipelines.runner import failures, instance_for, landed_dates, materialize_dates, spans, valid_range

    landing, data = work / "landing", work / "data"
    start = date.today() - timedelta(BACKLOAD_DAYS - 1)
    scale = {d: 1.0 if d % BACKLOAD_EVERY == 0 else 0.0 for d in range(BACKLOAD_DAYS)}
    summary = sample(landing, days=BACKLOAD_DAYS, scale=BACKLOAD_SCALE, start=start, day_scale=scale)
    dates, _ = valid_range(landed_dates(landing))
    folders = {(f["source"], f["reporting_date"]) for f in summary["files"]}
    begin = time.perf_counter()
    with instance_for(data) as instance:
        results = materialize_dates(landing, data / "warehouse.duckdb", dates, instance)
    seconds = time.perf_counter() - begin
    return {
        "seconds": seconds,
        "success": all(r.success for r in results),
        "failures": [f for r in results for f in failures(r)],
        "days": BACKLOAD_DAYS,
        "days_with_files": len(dates),
        "folders": len(folders),
        "rows": summary["total_rows"],
        "runs": len(results),
        "spans": len(spans(dates)),
        "seconds_per_folder": seconds / max(len(folders), 1),
        "peak_rss_mb": peak_rss_mb(),
    }


def phase_check(work: Path) -> dict:
    """Credit-check latency on the warehouse after the incremental day: CHECKS_TIMED single checks of random
    organisations (marts.credit_check, as `creditwh check` runs it), then one batch of CHECK_BATCH codes
    (credit_check_batch), drawn with replacement when the warehouse holds fewer; then the same again after the
    weekly maintenance has laid the check's tables out by subject (its time too)."""
    import random

    from creditwh.platform.warehouse import connect

    warehouse = work / "data" / "warehouse.duckdb"
    with connect(warehouse, read_only=True) as con:
        subjects = con.execute("select count(*) from core.subjects").fetchone()[0]
        # organisations: their subject key is the USCC asked with; a person's is a salted hash of the ID number
        codes = [
            k for (k,) in con.execute("select subject_key from core.subjects where subject_key[1] <> 'P'").fetchall()
        ]
        before = _check_latency(con, codes, random.Random(42))
    begin = time.perf_counter()
    try:
        maintenance = {"maintenance_s": phase_maintain(work)["seconds"]}
    except Exception as exc:  # a figure, not a test: say what stopped it
        maintenance = {"maintenance_s": time.perf_counter() - begin, "maintenance_error": str(exc)[:300]}
    with connect(warehouse, read_only=True) as con:
        after = _check_latency(con, codes, random.Random(42))
    return {
        "subjects": subjects,
        "organisations": len(codes),
        **before,
        **{f"{k}_maintained": v for k, v in after.items()},
        **maintenance,
        "peak_rss_mb": peak_rss_mb(),
    }


def _check_latency(con, codes: list[str], rng) -> dict:
    from creditwh.credit.build import credit_check, credit_check_batch

    as_of = date.today()
    latencies = []
    for code in rng.sample(codes, min(CHECKS_TIMED, len(codes))):
        begin = time.perf_counter()
        credit_check(con, code, as_of)
        latencies.append((time.perf_counter() - begin) * 1000)
    batch = rng.choices(codes, k=CHECK_BATCH) if codes else []
    begin = time.perf_counter()
    answers = credit_check_batch(con, batch, as_of)
    batch_s = time.perf_counter() - begin
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0

    return {
        "checks_timed": len(latencies),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "batch_codes": len(batch),
        "batch_distinct": len(answers),
        "batch_s": batch_s,
    }


# what --verify-incremental compares: output tables (by name pattern) and output folders under the data folder
VERIFY_TABLES = ("marts.screenings", "marts.kpi%", "marts.list_memberships", "marts.key_monitoring")
VERIFY_FOLDERS = ("publish", "feeds", "feedback", "lists", "quality/correction_lists")


def output_digest(data: Path) -> dict[str, str]:
    """A digest per output: each table of VERIFY_TABLES and each file under VERIFY_FOLDERS (bench/digest.py)."""
    from bench.digest import file_digests, table_digests

    return {
        **table_digests(data / "warehouse.duckdb", VERIFY_TABLES),
        **file_digests(data, lambda path: path.startswith(tuple(f"{folder}/" for folder in VERIFY_FOLDERS))),
    }


def copy_of_full_run(work: Path, name: str) -> Path:
    """The warehouse and outputs as the full run left them, set aside for another run of the day after: the
    warehouse copied, the files published linked (a publication is written once under a staging name and never
    opened for writing again, and at 10M they are 23 GB), the analysts' snapshot left out (a day copies it afresh)."""
    folder = work / name

    def copy(source: str, target: str) -> None:
        if Path(source).suffix == ".duckdb":
            shutil.copy2(source, target)
        else:
            os.link(source, target)

    shutil.copytree(
        work / "data",
        folder / "data",
        ignore=shutil.ignore_patterns("dagster_home", "duckdb_tmp", "analytics.duckdb"),
        copy_function=copy,
    )
    (folder / "landing").symlink_to(work / "landing")
    return folder


def keep_for_verify(work: Path) -> Path:
    """The day after is run on a copy of the full run with every table and file kept from change computed whole
    (CREDIT_WHOLE_REBUILD), as tests/system/test_incremental_equals_rebuild.py does at small scale. Both then share
    one publication history, so every output must be equal, byte for byte."""
    return copy_of_full_run(work, "verify")


def phase_maintain(work: Path) -> dict:
    """The weekly maintenance (the `maintenance` job's step) on the warehouse under `work`: its time."""
    from creditwh.maintenance.storage import maintain
    from creditwh.platform.warehouse import connect

    begin = time.perf_counter()
    with connect(work / "data" / "warehouse.duckdb") as con:
        done = maintain(con, keep_days=7)
    return {"seconds": time.perf_counter() - begin, "done": done, "peak_rss_mb": peak_rss_mb()}


def maintained_day(work: Path, gen: dict, env: dict, built: dict[str, str]) -> dict:
    """The day after on the copy copy_of_full_run made, once the weekly maintenance has run on it: whether a
    deployed warehouse's layout (its tables sorted by subject) makes a day cheaper. At 10M it did not: the subjects
    a day names hold half the timelines, so the by-subject steps cost what their rows do, not where they lie.
    With `built` (the incremental day's digests, --verify-incremental), its outputs are compared with them."""
    folder = work / "maintained"
    maintenance = _child("maintain", folder, gen["extra_day"], gen["extra_day"])
    day = _child("incremental", folder, gen["extra_day"], gen["extra_day"], env)
    if built:
        again = output_digest(folder / "data")
        day["outputs_compared"] = len(built.keys() & again.keys())
        day["equal"] = day["success"] and again == built
    day["maintenance_s"] = maintenance["seconds"]
    shutil.rmtree(folder, ignore_errors=True)
    return day


def verify_incremental(work: Path, gen: dict, env: dict, built: dict[str, str]) -> dict:
    """The day after, rebuilt whole on the copy keep_for_verify made, compared output by output with what the
    incremental day built (`built`, its digests taken before any later phase wrote again)."""
    folder = work / "verify"
    whole = _child("incremental", folder, gen["extra_day"], gen["extra_day"], {**env, "CREDIT_WHOLE_REBUILD": "1"})
    rebuilt = output_digest(folder / "data")
    differ = sorted(k for k in built.keys() & rebuilt.keys() if built[k] != rebuilt[k])
    only = sorted(built.keys() ^ rebuilt.keys())
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "success": whole["success"],
        "seconds": whole["seconds"],
        "outputs_compared": len(built.keys() & rebuilt.keys()),
        "differ": differ,
        "in_one_only": only,
        "equal": whole["success"] and not differ and not only,
    }


# ---------------------------------------------------------------- orchestration


def _child(phase: str, work: Path, first: str, last: str, env: dict | None = None, workers: int = 1) -> dict:
    out = work / f"{phase}.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.pipeline",
            "--phase",
            phase,
            "--work",
            str(work),
            "--first",
            first,
            "--last",
            last,
            "--workers",
            str(workers),
        ],
        cwd=REPO,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(out.read_text())


def _fresh_lake(work: Path, name: str) -> dict:
    """A new, empty DuckLake: a catalog database on the private PostgreSQL cluster and a data folder."""
    dsn = (
        subprocess.run(["sh", str(REPO / "scripts" / "ensure_postgres.sh")], check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    for statement in (f"drop database if exists {name}", f"create database {name}"):
        subprocess.run(["psql", f"{dsn} dbname=postgres", "-qtAc", statement], check=True, capture_output=True)
    return {
        "CREDIT_CATALOG": "ducklake",
        "CREDIT_DUCKLAKE_PG": f"{dsn} dbname={name}",
        "CREDIT_DUCKLAKE_DATA": str(work / "lake"),
    }


def ducklake_runs(work: Path, gen: dict, workers: tuple[int, ...]) -> dict[int, dict]:
    """The full run again on DuckLake, with 1, 2 … workers ingesting partitions at once."""
    runs = {}
    for w in workers:
        folder = work / f"ducklake-{w}"
        folder.mkdir()
        (folder / "landing").symlink_to(work / "landing")
        print(f"full pipeline on DuckLake, {w} worker(s) …", flush=True)
        runs[w] = _child("full", folder, gen["first"], gen["last"], _fresh_lake(folder, f"bench_lake_{w}"), w)
        runs[w]["ingest_rows_per_s"] = round(
            gen["rows_full"]
            / (runs[w]["parallel_ingest_s"] or (runs[w]["stages"]["ingest"] + runs[w]["stages"]["validate"]))
        )
    return runs


def machine() -> dict:
    from creditwh.platform import config

    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 2**20),
        "os": platform.platform(),
        "python": platform.python_version(),
        **{pkg: version(pkg) for pkg in ("dagster", "duckdb", "polars", "great_expectations", "fastexcel")},
        "duckdb_memory_limit": config.duckdb_memory_limit(),
    }


def generate(work: Path, rows: int, days: int, reuse: bool = False) -> dict:
    from creditwh.sample.generator import DEFAULT_START, day_scale_for_rows, scale_for_rows
    from creditwh.sample.generator import generate as sample

    scale = scale_for_rows(rows, days)
    extra = day_scale_for_rows(round(rows * INCREMENTAL_SHARE), days, scale, days + 1)
    start = time.perf_counter()
    done = work / "landing" / "_manifest" / "summary.json"
    reused = reuse and done.exists() and json.loads(done.read_text())["params"]["scale"] == scale
    if reused:
        summary = json.loads(done.read_text())  # the same arguments give the same bytes: no need to write them again
    else:
        summary = sample(work / "landing", days=days + 1, scale=scale, day_scale={days: extra})
    seconds = time.perf_counter() - start
    last_day = (DEFAULT_START + timedelta(days - 1)).isoformat()
    extra_day = (DEFAULT_START + timedelta(days)).isoformat()
    in_full = sum(f["rows"] for f in summary["files"] if f["reporting_date"] <= last_day)
    in_extra = sum(f["rows"] for f in summary["files"] if f["reporting_date"] == extra_day)
    return {
        "seconds": seconds,
        "reused": reused,
        "first": DEFAULT_START.isoformat(),
        "last": last_day,
        "extra_day": extra_day,
        "rows_full": in_full,
        "rows_incremental": in_extra,
        "files": summary["file_count"],
        "landing_mb": round(sum(p.stat().st_size for p in (work / "landing").rglob("*") if p.is_file()) / 1e6),
    }


# Issue 24, decision 2: on the file backend the analysts' snapshot stays a byte copy of the warehouse, shown as its
# own line and left out of the day's goal. Left out of the full run too, so the ratio is not flattered.
SNAPSHOT_STEP = "publish__analytics_snapshot"


def without_snapshot(run: dict) -> float:
    """A run's seconds without the analysts' snapshot copy."""
    return run["seconds"] - run["steps"].get(SNAPSHOT_STEP, 0)


def figures(
    rows: int,
    days: int,
    gen: dict,
    floor: dict,
    full: dict,
    incr: dict,
    lake: dict[int, dict],
    full_set: dict | None = None,
    backload: dict | None = None,
    check: dict | None = None,
    maintained: dict | None = None,
) -> dict:
    full["ingest_rows_per_s"] = round(gen["rows_full"] / (full["stages"]["ingest"] + full["stages"]["validate"]))
    if full_set:  # the incremental day as it would be with the full set: its 双公示 step replaced
        full_set["incremental_day_s"] = (
            incr["seconds"] - incr["steps"].get("publish__double_publicity", 0) + full_set["seconds"]
        )
    return {
        "rows_requested": rows,
        "days": days,
        "generated": gen,
        "machine": machine(),
        "floor": floor,
        "full": full,
        "incremental": incr,
        "incremental_maintained": maintained,
        "ducklake": lake,
        "full_set_day": full_set,
        "backload": backload,
        "credit_check": check,
        "goals": {
            "full_over_floor": {"value": round(full["seconds"] / floor["seconds"], 2), "goal": "<= 3"},
            "incremental_over_full": {
                "value": round(without_snapshot(incr) / without_snapshot(full), 4),
                "goal": "<= 0.05",
                "without": SNAPSHOT_STEP,
            },
            **(
                {
                    "full_set_day_over_full": {
                        "value": round(
                            (full_set["incremental_day_s"] - incr["steps"].get(SNAPSHOT_STEP, 0))
                            / without_snapshot(full),
                            4,
                        ),
                        "goal": "<= 0.10",
                        "without": SNAPSHOT_STEP,
                    }
                }
                if full_set
                else {}
            ),
            **(
                {
                    "maintained_incremental_over_full": {
                        "value": round(without_snapshot(maintained) / without_snapshot(full), 4),
                        "goal": "<= 0.05",
                        "without": SNAPSHOT_STEP,
                    }
                }
                if maintained
                else {}
            ),
            "peak_rss_gb": {
                "value": round(max(full["peak_rss_mb"], incr["peak_rss_mb"]) / 1024, 2),
                "goal": "<= 4 at 10M rows",
            },
        },
    }


def slowest_sql(trace: Path, top: int = 12) -> list[dict]:
    """The statements a traced run spent most in, by step (their seconds summed over their runs), from
    CREDIT_SQL_TRACE: a file many steps share (platform/replace_keyed_rows) is ranked step by step."""
    if not trace.exists():
        return []
    totals: dict[tuple[str, str, int], list[float]] = {}
    for line in trace.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        totals.setdefault((row.get("step") or "", row["sql"], row["statement"]), []).append(row["seconds"])
    ranked = sorted(totals.items(), key=lambda kv: -sum(kv[1]))[:top]
    return [
        {"step": step, "sql": name, "statement": n, "seconds": round(sum(t), 2), "runs": len(t)}
        for (step, name, n), t in ranked
    ]


def render(f: dict) -> str:
    g, full, incr, floor = f["generated"], f["full"], f["incremental"], f["floor"]
    m = f["machine"]
    lines = [
        f"# Pipeline benchmark, N = {f['rows_requested']:,}",
        "",
        f"{m['cores']} cores, {m['memory_gb']} GB, {m['os']}; python {m['python']}, dagster {m['dagster']}, "
        f"duckdb {m['duckdb']} (memory_limit {m['duckdb_memory_limit']}), polars {m['polars']}, "
        f"great_expectations {m['great_expectations']}.",
        "",
        f"Input: {g['rows_full']:,} rows over {f['days']} reporting days ({g['first']} … {g['last']}), "
        f"{g['landing_mb']} MB of CSV and xlsx in {g['files']:,} files; incremental day {g['extra_day']}: "
        f"{g['rows_incremental']:,} rows. "
        + (
            "Landing files reused from an earlier run of the same N (--keep)."
            + (
                " The full run is that of an earlier, interrupted bench (--reuse-full): the days after it ran on "
                "this code, the full run on the code of then."
                if full.get("reused")
                else ""
            )
            if g.get("reused")
            else f"Generation took {g['seconds']:.0f} s (not counted)."
        ),
        "",
    ]
    kept = f.get("incremental_maintained")
    days = [incr, kept] if kept else [incr]
    lines += [
        "| stage | full run (s) | incremental day (s) |"
        + (" the same day, maintained warehouse (s) |" if kept else ""),
        "|---|---:|---:|" + ("---:|" if kept else ""),
    ]
    for stage in [*STAGES, "dagster_overhead"]:
        lines.append(
            f"| {stage} | {full['stages'].get(stage, 0):.1f} | "
            + " | ".join(f"{d['stages'].get(stage, 0):.1f}" for d in days)
            + " |"
        )
    lines += [
        f"| **total** | **{full['seconds']:.1f}** | " + " | ".join(f"**{d['seconds']:.1f}**" for d in days) + " |",
        "",
        "| figure | value | goal |",
        "|---|---:|---|",
        f"| floor: bare read of the same {floor['files']:,} files ({floor['rows_read']:,} lines) | "
        f"{floor['seconds']:.1f} s | |",
        f"| full run ÷ floor | {f['goals']['full_over_floor']['value']} | ≤ 3 |",
        f"| the analysts' snapshot, a byte copy (issue 24, decision 2: its own line, out of the goal): full run; "
        f"day | {full['steps'].get(SNAPSHOT_STEP, 0):.1f} s; {incr['steps'].get(SNAPSHOT_STEP, 0):.1f} s | |",
        f"| incremental day ÷ full run, both without the snapshot ({without_snapshot(incr):.1f} s ÷ "
        f"{without_snapshot(full):.1f} s) | {f['goals']['incremental_over_full']['value']:.2%} | ≤ 5% |",
        *(
            [
                f"| the same day on a copy of the full run after the weekly maintenance "
                f"({kept['maintenance_s']:.1f} s, not counted), ÷ full run, both without the snapshot "
                f"| {f['goals']['maintained_incremental_over_full']['value']:.2%}"
                f"{'' if kept['success'] else ' FAILED'} | ≤ 5% |"
            ]
            if kept
            else []
        ),
        f"| peak RSS, full run | {full['peak_rss_mb']:,} MB | ≤ 4 GB at 10M |",
        f"| peak RSS, incremental day | {incr['peak_rss_mb']:,} MB | |",
        f"| warehouse file after the full run | {full['warehouse_mb']:,} MB | |",
        f"| runs succeeded | full {full['success']}, incremental {incr['success']} | |",
    ]
    if f.get("full_set_day"):
        fs = f["full_set_day"]
        lines.insert(
            lines.index(f"| peak RSS, full run | {full['peak_rss_mb']:,} MB | ≤ 4 GB at 10M |"),
            f"| incremental day with the 双公示 full set (policy: every 7 days): 双公示 "
            f"{incr['steps'].get('publish__double_publicity', 0):.1f} → {fs['seconds']:.1f} s | "
            f"{fs['incremental_day_s']:.1f} s ({f['goals']['full_set_day_over_full']['value']:.2%} without the "
            f"snapshot) | ≤ 10% |",
        )
    if f.get("backload"):
        b = f["backload"]
        lines.append(
            f"| back-load: {b['days']} days, {b['days_with_files']} with files ({b['folders']} folders, {b['rows']:,} "
            f"rows) in {b['runs']} runs | {b['seconds']:.1f} s, {b['seconds_per_folder']:.2f} s per folder"
            f"{'' if b['success'] else ' FAILED'} | in proportion to the folders |"
        )
    if f.get("credit_check"):
        c = f["credit_check"]
        lines += [
            f"| credit check, one subject of {c['subjects']:,} ({c['checks_timed']} random organisations): p50 / p95 "
            f"| {c['p50_ms']:.1f} / {c['p95_ms']:.1f} ms | p95 < 100 ms at 1M subjects |",
            f"| credit check, a batch of {c['batch_codes']:,} codes ({c['batch_distinct']:,} distinct) "
            f"| {c['batch_s']:.2f} s | < 10 s |",
        ]
        if "p50_ms_maintained" in c:
            lines += [
                f"| the same after the weekly maintenance laid the check's tables out by subject "
                f"({c['maintenance_s']:.1f} s{', FAILED: ' + c['maintenance_error'] if c.get('maintenance_error') else ''})"
                f": p50 / p95; batch | {c['p50_ms_maintained']:.1f} / {c['p95_ms_maintained']:.1f} ms; "
                f"{c['batch_s_maintained']:.2f} s | p95 < 100 ms; < 10 s |",
            ]
    if kept and "equal" in kept:
        lines.append(
            f"| the maintained day's outputs beside the incremental day's ({kept['outputs_compared']} tables and files) "
            f"| {'equal' if kept['equal'] else 'DIFFERENT'} | equal |"
        )
    if f.get("verify_incremental"):
        v = f["verify_incremental"]
        verdict = "equal" if v["equal"] else "DIFFERENT: " + ", ".join(v["differ"] + v["in_one_only"])
        lines.append(
            f"| the incremental day's outputs beside the same day rebuilt whole on a copy of the full run "
            f"({v['outputs_compared']} tables and files) "
            f"| {verdict} | equal |"
        )
    if f["ducklake"]:
        lines += [
            "",
            "| backend | workers | full run (s) | ingest + validate (s) | ingest rows/s | peak RSS (MB) | stored (MB) |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| DuckDB file | 1 | {full['seconds']:.1f} | {full['stages']['ingest'] + full['stages']['validate']:.1f} "
            f"| {full['ingest_rows_per_s']:,} | {full['peak_rss_mb']:,} | {full['warehouse_mb']:,} |",
        ]
        for w, run in f["ducklake"].items():
            ingest = run["parallel_ingest_s"] or run["stages"]["ingest"] + run["stages"]["validate"]
            lines.append(
                f"| DuckLake (PostgreSQL catalog, local Parquet) | {w} | {run['seconds']:.1f} | {ingest:.1f} "
                f"| {run['ingest_rows_per_s']:,} | {run['peak_rss_mb']:,} | {run['warehouse_mb']:,} |"
                + ("" if run["success"] else " FAILED")
            )
    slow = sorted(full["steps"].items(), key=lambda kv: -kv[1])[:8]
    lines += ["", "Slowest steps of the full run: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow) + "."]
    for name, day in (("incremental day", incr), ("the same day, maintained", kept)):
        if day:
            over = [(k, v) for k, v in sorted(day["steps"].items(), key=lambda kv: -kv[1]) if v >= 10]
            lines.append(
                f"Steps of 10 s or more, {name}: " + (", ".join(f"{k} {v:.1f} s" for k, v in over) or "none") + "."
            )
    if incr.get("slowest_sql"):
        lines.append(
            "Slowest SQL statements of the incremental day (CREDIT_SQL_TRACE; step: file#statement, its runs): "
            + ", ".join(
                f"{s.get('step') or '?'}: {s['sql']}#{s['statement']} {s['seconds']:.1f} s ({s['runs']})"
                for s in incr["slowest_sql"]
            )
            + "."
        )
    for name, run in (("full run", full), ("incremental day", incr)):
        top = list(run.get("step_peak_rss_mb", {}).items())[:5]
        if top:
            lines.append(
                f"Highest RSS during a step, {name} (sampled every 0.25 s): "
                + ", ".join(f"{k} {v:,} MB" for k, v in top)
                + "."
            )
    return "\n".join(lines) + "\n"


def run(
    rows: int,
    days: int,
    work: Path,
    results: Path,
    keep: bool = False,
    ducklake_workers: tuple[int, ...] = (),
    verify: bool = False,
    reuse_full: bool = False,
) -> dict:
    resumed = reuse_full and (work / "full.json").is_file() and not (work / "incremental.json").is_file()
    if reuse_full and not resumed:
        raise SystemExit(f"--reuse-full: {work} holds no full run that later phases left as it was")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    elif not resumed:  # --keep: keep the landing files of an earlier run with the same N and their floor
        for stale in work.glob("*"):
            if stale.name != "landing" and not stale.name.startswith("floor"):
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    else:  # --reuse-full: and its full run, as a bench stopped after it left the warehouse
        for stale in ("verify", "maintained", "backload"):
            shutil.rmtree(work / stale, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    print(f"generating {rows:,} rows over {days} days + 1 incremental day into {work} …", flush=True)
    gen = generate(work, rows, days, reuse=keep)
    if gen["reused"] and (work / "floor.json").is_file():  # the same files, read on the same machine before
        print("floor: measured on these landing files before (--keep)", flush=True)
        floor = json.loads((work / "floor.json").read_text())
    else:
        for stale in work.glob("floor*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        print(f"floor: bare read_csv of {gen['rows_full']:,} rows …", flush=True)
        floor = _child("floor", work, gen["first"], gen["last"])
    if resumed:
        print("full run: the earlier one in the scratch folder (--reuse-full)", flush=True)
        full = json.loads((work / "full.json").read_text())
        full["reused"] = True
    else:
        print("full pipeline through Dagster …", flush=True)
        full = _child("full", work, gen["first"], gen["last"])
    if verify:
        keep_for_verify(work)
    copy_of_full_run(work, "maintained")
    print(f"incremental day {gen['extra_day']} …", flush=True)
    # the day after: publications are dated, and a second one on the same day replaces the first (all 新增)
    next_day = {"CREDIT_TODAY": (date.today() + timedelta(1)).isoformat()}
    traced = work / "incremental-sql.jsonl"
    traced.unlink(missing_ok=True)
    incr = _child(
        "incremental", work, gen["extra_day"], gen["extra_day"], {**next_day, "CREDIT_SQL_TRACE": str(traced)}
    )
    incr["slowest_sql"] = slowest_sql(traced)
    built = output_digest(work / "data") if verify else {}
    # before the full set: the copy (39 GB at 10M) is removed when its day is done, and the full set adds 14 GB
    # more to the publications; the other order filled a 100 GB disk
    print("the same day on a copy of the full run, after the weekly maintenance …", flush=True)
    maintained = maintained_day(work, gen, next_day, built)
    print("the incremental day's 双公示 again, with the full set …", flush=True)
    full_set = _child("full_set", work, gen["extra_day"], gen["extra_day"], next_day)
    print("credit-check latency …", flush=True)
    check = _child("check", work, gen["extra_day"], gen["extra_day"])
    print(f"back-load: {BACKLOAD_DAYS} days, 1 day in {BACKLOAD_EVERY} with files …", flush=True)
    (work / "backload").mkdir()
    backload = _child("backload", work / "backload", gen["first"], gen["last"])
    verified = None
    if verify:
        print("--verify-incremental: the same day rebuilt whole on a copy of the full run …", flush=True)
        verified = verify_incremental(work, gen, next_day, built)
    lake = ducklake_runs(work, gen, ducklake_workers) if ducklake_workers else {}
    f = figures(rows, days, gen, floor, full, incr, lake, full_set, backload, check, maintained)
    f["verify_incremental"] = verified
    results.mkdir(parents=True, exist_ok=True)
    name = f"pipeline-{rows}"
    (results / f"{name}.json").write_text(json.dumps(f, indent=2, ensure_ascii=False) + "\n")
    text = render(f)
    (results / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)
    if results == RESULTS and rows in (1_000_000, 10_000_000):
        _refresh_deployment_figures()
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return f


def _refresh_deployment_figures() -> None:
    """docs/deployment.md §11 quotes the 1M (with DuckLake) and 10M results: keep it in step with them."""
    from bench import docs

    try:
        docs.main()
    except KeyError as missing:
        print(f"docs/deployment.md not refreshed: the results lack {missing} (run 1M with --ducklake 1,2)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder (emptied first)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch folder, and reuse its landing files when N is the same"
    )
    parser.add_argument("--ducklake", default="", help="also run on DuckLake with these worker counts, e.g. 1,2")
    parser.add_argument(
        "--verify-incremental",
        action="store_true",
        help="run the incremental day again on a copy of the full run, with everything computed whole "
        "(CREDIT_WHOLE_REBUILD), and compare every output",
    )
    parser.add_argument(
        "--reuse-full",
        action="store_true",
        help="with --keep: reuse the full run an interrupted bench left in the scratch folder, run the phases after it",
    )
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument(
        "--phase",
        choices=("floor", "full", "incremental", "full_set", "backload", "check", "maintain"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--first", help=argparse.SUPPRESS)
    parser.add_argument("--last", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        if args.phase == "floor":
            out = phase_floor(args.work, args.first, args.last)
        elif args.phase == "full_set":
            out = phase_full_set(args.work)
        elif args.phase == "backload":
            out = phase_backload(args.work)
        elif args.phase == "check":
            out = phase_check(args.work)
        elif args.phase == "maintain":
            out = phase_maintain(args.work)
        else:
            out = phase_run(args.work, args.first, args.last, with_report=args.phase == "full", workers=args.workers)
        (args.work / f"{args.phase}.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
        return
    run(
        args.rows,
        args.days,
        args.work,
        args.results,
        args.keep or args.reuse_full,
        worker_counts(args.ducklake),
        args.verify_incremental,
        args.reuse_full,
    )


def worker_counts(text: str) -> tuple[int, ...]:
    return tuple(int(w) for w in text.split(",") if w.strip())


if __name__ == "__main__":
    main()
