"""Fault injection for the command line: `creditwh` in a child process, killed (SIGKILL) at a named point.

    python -m tests.support.faults run --landing L --warehouse W      with TEST_KILL_AT=module:attr[#n]

replaces `attr` of `module` (a function, `Class.method`, or a hook variable such as
creditwh.ingest.load:_after_file_hook) by one that kills the process at its n-th call (default the first), before
the original runs: as `kill -9` or a power cut would, with no chance to clean up.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[2]
KILLED = -signal.SIGKILL

# Columns that differ between two clean runs of the same deliveries: when and by which run, and where.
VOLATILE = ("run_id", "batch_id", "token", "folder", "path", "fingerprint", "_at", "staged_as")
# Commit logs: a rerun after a crash commits again what the killed run had committed (the same day's folder, put
# in place again): what was committed counts, not how many times.
COMMIT_LOGS = {"publish.publication_folders"}


def install_kill(spec: str) -> None:
    target, _, nth = spec.partition("#")
    module_name, _, attr = target.partition(":")
    owner = importlib.import_module(module_name)
    *parents, name = attr.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original = getattr(owner, name)
    calls = {"n": 0}

    def killer(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs) if callable(original) else None

    setattr(owner, name, killer)


def creditwh(args: list[str], env: dict[str, str], kill_at: str | None = None, timeout: float = 600):
    """Run the command line in a child process (killed at `kill_at`); returns the CompletedProcess."""
    child_env = {**os.environ, **env}
    child_env.pop("TEST_KILL_AT", None)
    if kill_at:
        child_env["TEST_KILL_AT"] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "tests.support.faults", *args],
        cwd=REPO_ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def warehouse_digest(path: Path) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of its rows (volatile columns left out), for "equal to a clean run".

    The schema `ops` is left out: it is the builds' work queue (change batches and who applied them), not an
    answer. A rerun after a crash re-derives some records a clean run derived in one whole batch, and so leaves
    a different last batch in the queue, with the same tables built from it."""
    digest = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema <> 'ops' order by 1, 2"
        ).fetchall()
        for schema, table in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
                if not any(v in c for v in VOLATILE)
            ]
            select = ", ".join(f'"{c}"' for c in columns) or "1"
            distinct = "distinct " if f"{schema}.{table}" in COMMIT_LOGS else ""
            rows = con.execute(f'select {distinct}{select} from "{schema}"."{table}"').fetchall()  # noqa: S608 (names from the catalog)
            h = hashlib.sha256("\n".join(sorted(repr(r) for r in rows)).encode()).hexdigest()[:16]
            digest[f"{schema}.{table}"] = (len(rows), h)
    return digest


if __name__ == "__main__":
    if os.environ.get("TEST_KILL_AT"):
        install_kill(os.environ["TEST_KILL_AT"])
    from pipelines.cli import main

    main()
