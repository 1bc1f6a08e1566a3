"""DuckLake test helpers: the loopback PostgreSQL cluster and a fresh, empty lake per use."""

from __future__ import annotations

import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

from creditwh.platform.config import REPO_ROOT


def ensure_postgres() -> str:
    """Start (installing if missing) the private cluster; its connection string without a database."""
    out = subprocess.run(
        ["sh", str(REPO_ROOT / "scripts" / "ensure_postgres.sh")], check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def psql(dsn: str, statement: str) -> None:
    subprocess.run(["psql", f"{dsn} dbname=postgres", "-qtAc", statement], check=True, capture_output=True)


def new_lake(dsn: str, data: Path) -> dict[str, str]:
    """A new catalog database and data folder; the environment that points the warehouse at them."""
    name = f"lake_{uuid.uuid4().hex[:12]}"
    psql(dsn, f"create database {name}")
    return {
        "CREDIT_CATALOG": "ducklake",
        "CREDIT_DUCKLAKE_PG": f"{dsn} dbname={name}",
        "CREDIT_DUCKLAKE_DATA": str(data),
    }


@contextmanager
def environment(env: dict[str, str]):
    """Set these variables for the duration (for module-scoped fixtures, where monkeypatch cannot reach)."""
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        yield
