"""Asset deps derived from the SQL a model runs (creditwh/platform/lineage.py), never typed by hand.

A relation read resolves to the asset that makes it:
- a relation created by the step's own files (or the credit macros every step creates first) is no dep;
- a relation created in a model file (one whose header names its relation) belongs to that model's asset;
- the staging macros, rules and change log are created by every staging asset before it validates;
- `staging.<source>_latest` is kept by the staging asset of that source;
- anything else is the asset of that name. A name that is no asset fails tests/pipelines/test_lineage.py.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

import dagster as dg

from creditwh.credit.build import PREPARE_FILES as CREDIT_PREPARE
from creditwh.credit.build import step_files
from creditwh.platform import lineage
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import SQL_DIR, raw_text
from creditwh.validation.validate import PREPARE_FILES as STAGING_PREPARE

STAGING = tuple(dg.AssetKey(["staging", s]) for s in SOURCES)
RAW = tuple(dg.AssetKey(["raw", s]) for s in SOURCES)


@cache
def owners() -> dict[str, tuple[dg.AssetKey, ...]]:
    """Each relation some asset creates under another name, with the asset(s) that create it."""
    out: dict[str, tuple[dg.AssetKey, ...]] = {}
    for name in STAGING_PREPARE:
        for relation in lineage.created(raw_text(name)):
            out[relation] = STAGING
    for source in SOURCES:
        out[f"staging.{source}_latest"] = (dg.AssetKey(["staging", source]),)
    # the landing register: every raw asset writes its own deliveries into it
    for relation in lineage.created(raw_text("ingest/schema")) - {f"raw.{s}" for s in SOURCES}:
        out[relation] = RAW
    for path in sorted(SQL_DIR.rglob("*.sql")):
        text = path.read_text(encoding="utf-8")
        model = lineage.header(text)
        if model is not None:
            key = dg.AssetKey(model.relation.split("."))
            for relation in lineage.created(text) | {model.relation}:
                out[relation] = (key,)
    return out


def derived_deps(key: dg.AssetKey, step: str) -> list[dg.AssetKey]:
    """The assets whose relations the step's SQL reads."""
    return _deps_of_files(key, step_files(step))


# tables older code left, read once to migrate them: no asset makes them
LEGACY = frozenset({"publish.double_publicity_log"})


def _deps_of_files(key: dg.AssetKey, files) -> list[dg.AssetKey]:
    texts = [raw_text(name) for name in files]
    made_here = set().union(*(lineage.created(t) for t in texts))
    read = set().union(*(lineage.read(t) for t in texts)) - made_here - LEGACY
    deps = {dep for relation in read for dep in owners().get(relation, (dg.AssetKey(relation.split(".")),))}
    return sorted(deps - {key}, key=lambda k: k.to_user_string())


def model_steps(graph) -> list[tuple[dg.AssetKey, str]]:
    """Each SQL-model asset of the graph with its step (sql/<step>.sql), in the graph's topological order: the order
    the daemon builds them in."""
    out = []
    for key in graph.toposorted_asset_keys:
        model = (graph.get(key).metadata or {}).get("model")
        if model is not None:
            out.append((key, str(getattr(model, "value", model)).removeprefix("sql/").removesuffix(".sql")))
    return out


# ── Python assets ─────────────────────────────────────────────────────────────────────────────────────────────
# A Python asset (a publication, the KPIs) runs SQL files through a creditwh module. Its deps come from the files
# that module names, found in its source: a string literal that is a file under sql/, or an f-string whose fixed
# start is a folder of them (f"assessment/feeds/{name}" runs every file there).


@cache
def _sql_names() -> frozenset[str]:
    return frozenset(p.relative_to(SQL_DIR).with_suffix("").as_posix() for p in SQL_DIR.rglob("*.sql"))


def module_sql_files(module: str) -> set[str]:
    """The sql files (as sql/<name>.sql names) a creditwh module runs. Modules it imports are not followed: an
    asset that runs another module's SQL names that module too."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(module)
    names = _sql_names()
    out: set[str] = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
            out.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            prefix = str(node.values[0].value)
            if prefix.endswith("/"):
                out |= {n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]}
    return out


def python_deps(key: dg.AssetKey, *modules: str, also: tuple[dg.AssetKey, ...] = ()) -> list[dg.AssetKey]:
    """The deps of a Python asset that runs `modules`: the assets whose relations their SQL files read, plus `also`
    (what it reads outside the warehouse, e.g. files another asset wrote)."""
    # the credit macros and policy tables: each asset that reads them creates them first (prepare_core)
    files = sorted(set().union(*(module_sql_files(m) for m in modules)) | set(CREDIT_PREPARE))
    return sorted(set(_deps_of_files(key, files)) | set(also), key=lambda k: k.to_user_string())
