"""Asset deps derived from the SQL a model runs (creditwh/platform/lineage.py), never typed by hand.

A relation read resolves to the asset that makes it:
- a relation created by the step's own files (or the credit macros every step creates first) is no dep;
- a relation created in a model file (one whose header names its relation) belongs to that model's asset;
- the staging macros, rules and change log are created by every staging asset before it validates;
- `staging.<source>_latest` is kept by the staging asset of that source;
- anything else is the asset of that name. A name that is no asset fails tests/pipelines/test_lineage.py.
"""

from __future__ import annotations

from functools import cache

import dagster as dg

from creditwh.credit.build import step_files
from creditwh.platform import lineage
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import SQL_DIR, raw_text
from creditwh.validation.validate import PREPARE_FILES as STAGING_PREPARE

STAGING = tuple(dg.AssetKey(["staging", s]) for s in SOURCES)


@cache
def owners() -> dict[str, tuple[dg.AssetKey, ...]]:
    """Each relation some asset creates under another name, with the asset(s) that create it."""
    out: dict[str, tuple[dg.AssetKey, ...]] = {}
    for name in STAGING_PREPARE:
        for relation in lineage.created(raw_text(name)):
            out[relation] = STAGING
    for source in SOURCES:
        out[f"staging.{source}_latest"] = (dg.AssetKey(["staging", source]),)
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
    files = step_files(step)
    texts = [raw_text(name) for name in files]
    made_here = set().union(*(lineage.created(t) for t in texts))
    read = set().union(*(lineage.read(t) for t in texts)) - made_here
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
