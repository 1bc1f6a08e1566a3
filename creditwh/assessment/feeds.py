"""Dashboard feeds: small, documented datasets in data/feeds/ whose columns and types never change by surprise.

Each feed is one query in sql/assessment/feeds/ and one contract in quality/feeds.yaml. A feed whose shape no longer
matches its contract is not written: the last good file stays, and the asset's blocking check fails. A feed whose
content did not change is not written either: _manifest.json keeps each file's content fingerprint
(creditwh/platform/manifest.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import duckdb
import polars as pl
import yaml

from creditwh.assessment.kpi import reports_around
from creditwh.platform import manifest, outputs
from creditwh.platform.outputs import atomic_write, write_csv
from creditwh.platform.sql import execute, raw_text, relation, sql

CONTRACT_FILE = Path(__file__).resolve().parents[2] / "quality" / "feeds.yaml"
DOC_FILE = Path(__file__).resolve().parents[2] / "docs" / "feeds.md"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str


@dataclass(frozen=True)
class Feed:
    name: str
    title: str
    grain: str
    columns: tuple[Column, ...]


@dataclass
class FeedResult:
    name: str
    rows: int
    mismatches: list[str]
    files: list[Path]  # the feed's files in force
    rewritten: bool = False  # written this run: its content changed (or its files were missing)


@cache
def contracts(path: Path = CONTRACT_FILE) -> tuple[int, dict[str, Feed]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    feeds = {
        name: Feed(name, spec["title"], spec["grain"], tuple(Column(*c) for c in spec["columns"]))
        for name, spec in doc["feeds"].items()
    }
    return doc["version"], feeds


def shape_mismatches(feed: Feed, columns: list[str], types: list[str]) -> list[str]:
    """What differs between a query's columns and the feed's contract, in words; empty when they agree."""
    expected = [(c.name, c.type) for c in feed.columns]
    actual = list(zip(columns, types, strict=False))
    if expected == actual:
        return []
    problems = []
    missing = [n for n, _ in expected if n not in columns]
    extra = [n for n in columns if n not in {c.name for c in feed.columns}]
    if missing:
        problems.append(f"{feed.name}: 缺少列 / missing columns {missing}")
    if extra:
        problems.append(f"{feed.name}: 多出列 / new columns {extra}")
    actual_types = dict(actual)
    for n, t in expected:
        if n in actual_types and actual_types[n] != t:
            problems.append(
                f"{feed.name}.{n}: 类型由 {t} 变为 {actual_types[n]} / type changed from {t} to {actual_types[n]}"
            )
    if not problems:
        problems.append(f"{feed.name}: 列顺序改变 / column order changed: {columns}")
    return problems


def write_feeds(con, as_of: date, out_dir: Path, contract_file: Path | None = None) -> list[FeedResult]:
    """Check every feed against its contract, then replace the files of those that match (Parquet and CSV) and
    whose content changed since the last run."""
    version, feeds = contracts(contract_file or CONTRACT_FILE)
    execute(con, "assessment/feeds/day_grid")
    previous = manifest.read(out_dir)
    current: dict[str, str] = {}
    results, changed = [], {}
    for name in feeds:
        params = {"as_of": as_of, "reports": report_rows(as_of)}
        rel = relation(con, f"assessment/feeds/{name}", params)
        mismatches = shape_mismatches(feeds[name], rel.columns, [str(t) for t in rel.types])
        files = {f"{name}.{suffix}": out_dir / f"{name}.{suffix}" for suffix in ("parquet", "csv")}
        if mismatches:
            # the last good files stay, and so do their fingerprints
            current.update({r: previous[r] for r in files if r in previous})
            results.append(FeedResult(name, 0, mismatches, []))
            continue
        table = f"feed_{name}"  # read twice: its fingerprint, then its files if the content changed
        execute(
            con, "platform/create_temp_table", params, fragments={"query": sql(f"assessment/feeds/{name}")}, table=table
        )
        rows, fingerprint = manifest.content(con, table, _form(feeds[name], version))
        current.update(dict.fromkeys(files, fingerprint))
        if all(manifest.unchanged(out_dir, previous, r, fingerprint) for r in files):
            execute(con, "platform/drop", kind="table", relation=table)
        else:
            changed[name] = table
        results.append(FeedResult(name, rows, [], list(files.values()), name in changed))
    manifest.forget(out_dir, [f"{name}.{suffix}" for name in changed for suffix in ("parquet", "csv")])
    for name, table in changed.items():
        frame = con.table(table).pl()
        atomic_write(out_dir / f"{name}.parquet", lambda p, frame=frame: frame.write_parquet(p))
        write_csv(frame, out_dir / f"{name}.csv")  # a text that starts like a formula behind a quote
        execute(con, "platform/drop", kind="table", relation=table)
    about = {
        "contract_version": version,
        "as_of": as_of.isoformat(),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "feeds": {r.name: {"rows": r.rows, "written": not r.mismatches, "problems": r.mismatches} for r in results},
    }
    manifest.write(out_dir, current, about)
    return results


def _form(feed: Feed, version: int) -> str:
    """How a feed's files are written, for its fingerprint: a changed query, contract or writer rewrites them."""
    return manifest.layout(
        raw_text(f"assessment/feeds/{feed.name}"),
        raw_text("assessment/feeds/day_grid"),
        json.dumps([feed.columns, version], default=str, ensure_ascii=False),
        Path(outputs.__file__).read_text(encoding="utf-8"),
        duckdb.__version__,
        pl.__version__,
    )


def report_rows(as_of: date) -> list[dict]:
    """This year's two assessment reports and next year's half-year one."""
    return [{"report": p.kind, "period": p.key, "due_date": p.due} for p in reports_around(as_of)]


def render_doc() -> str:
    """docs/feeds.md, generated from the contracts so the two cannot drift."""
    version, feeds = contracts()
    lines = [
        "# 看板数据集 / Dashboard feeds",
        "",
        "<!-- generated from quality/feeds.yaml by `creditwh feeds-doc`; do not edit by hand -->",
        "",
        f"Contract version {version}. Every run brings each feed up to date in `data/feeds/<name>.parquet` and "
        "`data/feeds/<name>.csv` (UTF-8, no BOM): a file whose content changed is replaced atomically (temp file, "
        "then rename), one whose content did not is left as it is, and `data/feeds/_manifest.json` gives the as-of "
        "date, the row counts and each file's content fingerprint. In the CSV, a text value that starts "
        "with `=`, `+`, `-`, `@`, a tab or a carriage return is written behind a single quote (`'=…`), so that a "
        "spreadsheet shows it as text instead of running it as a formula; the Parquet file holds the value as it is.",
        "",
        "The columns and types below are a contract. A blocking asset check (`feed_schema_contract`) refuses to "
        "replace a feed whose query returns anything else, so the previous file stays and the run shows why. "
        "To change a feed, change `quality/feeds.yaml` in the same commit, bump its version and regenerate this page.",
        "",
    ]
    for feed in feeds.values():
        lines += [
            f"## `{feed.name}`: {feed.title}",
            "",
            f"One row per {feed.grain}. Query: `sql/assessment/feeds/{feed.name}.sql`.",
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        lines += [f"| `{c.name}` | {c.type} | {c.label} |" for c in feed.columns]
        lines.append("")
    return "\n".join(lines)
