"""Paths and settings from the environment, with the embedded defaults used by the demo."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def today() -> date:
    """The publication day: today, or CREDIT_TODAY (YYYY-MM-DD) to replay a past day or, in the benchmark, the next."""
    value = os.environ.get("CREDIT_TODAY", "").strip()
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise ValueError(f"CREDIT_TODAY 应为 YYYY-MM-DD / must be YYYY-MM-DD, not {value!r}") from None


def data_dir() -> Path:
    return Path(os.environ.get("CREDIT_DATA_DIR", REPO_ROOT / "data"))


def warehouse_path() -> Path:
    return Path(os.environ.get("CREDIT_WAREHOUSE", data_dir() / "warehouse.duckdb"))


def landing_dir() -> Path:
    return Path(os.environ.get("CREDIT_LANDING_DIR", data_dir() / "landing"))


CATALOGS = ("duckdb", "ducklake")


def catalog() -> str:
    """Where the warehouse lives: `duckdb` (one embedded file, the default) or `ducklake` (a PostgreSQL catalog
    with Parquet data, for several writers and remote readers). See docs/deployment.md."""
    value = os.environ.get("CREDIT_CATALOG", "duckdb").strip().lower()
    if value not in CATALOGS:
        raise ValueError(f"CREDIT_CATALOG 只能是 duckdb 或 ducklake / must be one of {CATALOGS}, not {value!r}")
    return value


def ducklake_postgres() -> str:
    """The libpq connection string of DuckLake's PostgreSQL catalog, e.g. 'dbname=credit host=10.0.0.5 user=lake'."""
    dsn = os.environ.get("CREDIT_DUCKLAKE_PG", "").strip()
    if not dsn:
        raise ValueError(
            "CREDIT_CATALOG=ducklake 需要 CREDIT_DUCKLAKE_PG / needs CREDIT_DUCKLAKE_PG, the PostgreSQL "
            "catalog's connection string (dbname=... host=... port=... user=...)"
        )
    return dsn


def ducklake_data_path() -> str:
    """Where DuckLake writes Parquet: a local folder, or s3://bucket/prefix/ (with the httpfs extension)."""
    return os.environ.get("CREDIT_DUCKLAKE_DATA", str(data_dir() / "lake"))


def s3_settings() -> dict[str, str]:
    """S3-compatible storage for DuckLake's data path (s3://...): endpoint host:port and credentials."""
    env = os.environ.get
    return {
        "endpoint": env("CREDIT_S3_ENDPOINT", "s3.amazonaws.com"),
        "key_id": env("CREDIT_S3_KEY_ID", ""),
        "secret": env("CREDIT_S3_SECRET", ""),
        "region": env("CREDIT_S3_REGION", "us-east-1"),
        "url_style": env("CREDIT_S3_URL_STYLE", "path"),
        "use_ssl": env("CREDIT_S3_USE_SSL", "true").strip().lower(),
    }


def ducklake_retries() -> int:
    # Concurrent commits collide on DuckLake's snapshot id and are retried; the default 10 lost 2 of 800
    # statements with 8 writers here, 100 lost none (see docs/deployment.md).
    return int(os.environ.get("CREDIT_DUCKLAKE_RETRIES", "100"))


def duckdb_memory_limit() -> str:
    # Bounded so that a province-sized run spills to disk instead of taking the machine. The whole process is
    # DuckDB's limit plus about 1.2 GB (Python, Dagster, Arrow buffers, DuckDB's untracked allocations): at 10M
    # rows 4 GB peaked at 4.3 GB and 3 GB at 4.2 GB, so 2.5 GB is what keeps a run under the 4 GB goal.
    return os.environ.get("CREDIT_DUCKDB_MEMORY", "2.5GB")


def analytics_path() -> Path:
    """The read-only copy analysts and dashboards open."""
    return Path(os.environ.get("CREDIT_ANALYTICS", data_dir() / "analytics.duckdb"))


def id_salt() -> str:
    # The salt keeps person keys from being reversed by hashing every possible ID number. The default is for
    # the demo only; a deployment sets CREDIT_ID_SALT (and keeps it, or every person key changes).
    return os.environ.get("CREDIT_ID_SALT", DEMO_SALT)


DEMO_SALT = "gulou-demo-salt"
DEMO_SALT_WARNING = (
    "警告：未设置 CREDIT_ID_SALT，使用演示用盐值（代码公开即可还原名单记录编号中的身份证号），仅限演示，请勿对外发布 / "
    "warning: CREDIT_ID_SALT is not set: the demo salt is public, so published ids could be reversed; demo only"
)


def id_salt_is_demo() -> bool:
    return id_salt() == DEMO_SALT


def whole_rebuild() -> bool:
    """CREDIT_WHOLE_REBUILD=1 (`creditwh run --rebuild`): every table and file kept from change is computed whole,
    as on its first build. For a suspected incremental fault, and for the test that the two give the same answers."""
    return os.environ.get("CREDIT_WHOLE_REBUILD", "").lower() in ("1", "true", "yes")


def sql_trace() -> Path | None:
    """CREDIT_SQL_TRACE=<file>: every statement run from sql/ appends a JSON line (its file, its place in the file,
    its seconds) there, so a benchmark's slow step can be told apart statement by statement."""
    value = os.environ.get("CREDIT_SQL_TRACE", "").strip()
    return Path(value) if value else None


def demo_mode() -> bool:
    """Set by `creditwh demo`, the benchmark and the tests: the public demo salt is then allowed in what is
    published (see creditwh/publication/lists.py)."""
    return os.environ.get("CREDIT_DEMO", "").lower() in ("1", "true", "yes")
