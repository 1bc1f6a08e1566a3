"""A tiny delivery, its clean run, and the invariants every fault test asserts after the rerun."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from creditwh.sample import generate
from tests.support.faults import creditwh, warehouse_digest

TODAY = "2026-12-06"


class Site:
    """One operator's data folder: landing, warehouse, Dagster instance and outputs."""

    def __init__(self, root: Path, landing: Path):
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.landing = root / "landing"
        shutil.copytree(landing, self.landing)
        self.warehouse = self.data / "warehouse.duckdb"

    @property
    def env(self) -> dict[str, str]:
        return {"CREDIT_DATA_DIR": str(self.data), "CREDIT_DEMO": "1", "CREDIT_TODAY": TODAY}

    def creditwh(self, *args: str, kill_at: str | None = None, env: dict | None = None):
        return creditwh(list(args), {**self.env, **(env or {})}, kill_at)

    def run(self, kill_at: str | None = None, env: dict | None = None):
        return self.creditwh(
            "run", "--landing", str(self.landing), "--warehouse", str(self.warehouse), kill_at=kill_at, env=env
        )

    def unfinished_runs(self) -> list[str]:
        from pipelines.runner import instance_for
        from pipelines.writer_slot import holders

        with instance_for(self.data) as instance:
            import dagster as dg
            from dagster._core.storage.dagster_run import FINISHED_STATUSES

            runs = instance.get_runs(
                dg.RunsFilter(statuses=[s for s in dg.DagsterRunStatus if s not in FINISHED_STATUSES])
            )
            return [r.run_id for r in runs] + [f"slot:{r.run_id}" for r in holders(instance)]

    def incomplete_publications(self) -> list[str]:
        """Publication folders that are neither complete (manifest naming every file, with its hash) nor absent."""
        import hashlib

        problems = []
        out = self.data / "publish"
        for folder in sorted(p for p in out.glob("*/*") if p.is_dir()) if out.is_dir() else []:
            if folder.name.startswith("."):
                problems.append(f"{folder}: a staging or set-aside folder left behind")
                continue
            manifest = folder / "manifest.json"
            if not manifest.is_file():
                problems.append(f"{folder}: no manifest")
                continue
            listed = {e["file"]: e["sha256"] for e in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
            present = {p.name for p in folder.iterdir()} - {"manifest.json"}
            if present != set(listed):
                problems.append(f"{folder}: files {sorted(present ^ set(listed))} differ from the manifest")
            for name, sha in listed.items():
                path = folder / name
                if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                    problems.append(f"{path}: content differs from the manifest")
        return problems

    def digest(self):
        return warehouse_digest(self.warehouse)


@pytest.fixture(scope="session")
def tiny_landing(tmp_path_factory) -> Path:
    landing = tmp_path_factory.mktemp("tiny") / "landing"
    generate(landing, days=2, scale=0.05, seed=7)
    return landing


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory, tiny_landing):
    """The warehouse a run that nothing interrupted builds from the tiny delivery."""
    site = Site(tmp_path_factory.mktemp("clean"), tiny_landing)
    done = site.run()
    assert done.returncode == 0, done.stderr[-3000:]
    return site.digest()


@pytest.fixture
def site(tmp_path, tiny_landing) -> Site:
    return Site(tmp_path / "site", tiny_landing)
