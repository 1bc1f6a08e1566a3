"""Maintenance: keeping the warehouse's storage compact (DuckLake's small files and old snapshots)."""

import os

import dagster as dg

from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.maintenance.storage import maintain

MAINTENANCE_KEY = dg.AssetKey(["maintenance", "warehouse_storage"])


@dg.asset(
    key=MAINTENANCE_KEY,
    group_name="maintenance",
    kinds={"duckdb"},
    pool=WRITER_POOL,
    description="存储整理：合并小文件、清理过期快照（DuckLake），或检查点（单文件）/ merge small files and expire old "
    "snapshots on DuckLake; checkpoint the embedded file.",
)
def warehouse_storage(warehouse: WarehouseResource) -> dg.MaterializeResult:
    # Time travel (AT VERSION) reaches back this many days; 7 covers a week of "what did we know then" re-runs.
    keep_days = int(os.environ.get("CREDIT_DUCKLAKE_KEEP_DAYS", "7"))
    with warehouse.connect() as con:
        return dg.MaterializeResult(metadata=maintain(con, keep_days))
