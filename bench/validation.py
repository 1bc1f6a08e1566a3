"""Benchmark: validating N penalty rows in one pass, beside DuckDB's bare load of the same file.

    .venv/bin/python -m bench.validation --rows 5000000

Prints a table and writes bench/results/validation.json and .md. No assertion: figures, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.platform.warehouse import connect
from creditwh.platform.workdays import write_calendar
from creditwh.sample.builders import PENALTY, headers, uscc
from creditwh.validation.validate import prepare, validate_partition

DAY = date(2026, 10, 9)
RESULTS = Path(__file__).parent / "results"


def make_file(path: Path, rows: int) -> None:
    """A penalties CSV with Chinese headers: valid rows with 1% bad check characters and 1% fines in yuan."""
    pool = pl.Series([uscc("91", "350102", f"MA{i:06d}") for i in range(997)])
    names = headers("penalties")
    r = pl.int_range(0, rows, eager=True)
    codes = pool.gather(r % 997)
    frame = pl.DataFrame({names[k]: pl.repeat(v, rows, eager=True) for k, v in PENALTY.items()}).with_columns(
        pl.when(r % 100 == 7).then(codes.str.slice(0, 17) + "0").otherwise(codes).alias(names["uscc"]),
        ("榕鼓财罚〔2026〕" + r.cast(pl.String) + "号").alias(names["decision_doc_no"]),
        pl.when(r % 100 == 9).then(pl.lit("2000")).otherwise(pl.lit("0.2")).alias(names["fine_10k_yuan"]),
        pl.lit("罚款人民币2000元").alias(names["penalty_content"]),
    )
    frame.write_csv(path)


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        tmp = Path(tmp)
        folder = tmp / "landing" / "penalties" / DAY.isoformat()
        folder.mkdir(parents=True)
        file = folder / "penalties.csv"
        gen_s, _ = timed(lambda: make_file(file, args.rows))
        file_mb = round(file.stat().st_size / 1e6, 1)
        bare = duckdb.connect(str(tmp / "bare.duckdb"))
        floor_s, _ = timed(
            lambda: bare.execute(
                "create table penalties as select * from read_csv(?, all_varchar = true, header = true)", [str(file)]
            )
        )
        bare.close()
        with connect(tmp / "warehouse.duckdb") as con:
            ingest_s, ing = timed(lambda: ingest_partition(con, get_source("penalties"), tmp / "landing", DAY))
            write_calendar(con, date(2027, 12, 31))
            prepare(con)
            validate_s, res = timed(lambda: validate_partition(con, get_source("penalties"), DAY))
    figures = {
        "rows": args.rows,
        "file_mb": file_mb,
        "generate_s": round(gen_s, 2),
        "bare_load_s": round(floor_s, 2),
        "raw_ingest_s": round(ingest_s, 2),
        "validate_s": round(validate_s, 2),
        "validate_over_bare": round(validate_s / floor_s, 2),
        "goal": "validate_s <= bare_load_s (validation adds at most the bare load time again)",
        "rows_accepted": res.rows_accepted,
        "rows_rejected": res.rows_rejected,
        "conserved": res.conserved,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}, duckdb {duckdb.__version__}",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "validation.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    md = "| figure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in figures.items())
    (RESULTS / "validation.md").write_text("# Validation benchmark\n\n" + md + "\n")
    print(md)


if __name__ == "__main__":
    main()
