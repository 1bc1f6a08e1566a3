"""Publish layer: what leaves the live warehouse (the analysts' snapshot)."""

import dagster as dg

from creditwh import config
from creditwh.snapshot import publish_snapshot
from pipelines.resources import WRITER_POOL, WarehouseResource


def build_snapshot_asset(upstream: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=dg.AssetKey(["publish", "analytics_snapshot"]),
        group_name="publish",
        kinds={"duckdb"},
        deps=upstream,
        pool=WRITER_POOL,  # it reads the live file
        description="分析只读副本 data/analytics.duckdb：每次运行结束时原子替换 / the analysts' read-only copy, "
        "replaced atomically at the end of each run.",
    )
    def analytics_snapshot(warehouse: WarehouseResource) -> dg.MaterializeResult:
        target = config.analytics_path()
        # a read-only connection could not attach the new file for writing; the pool keeps this the only writer
        with warehouse.connect() as con:
            publish_snapshot(con, target)
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(target)),
            "size_mb": round(target.stat().st_size / 1e6, 1),
        })

    return analytics_snapshot
