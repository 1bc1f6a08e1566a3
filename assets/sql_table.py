"""The asset of one SQL-built relation: the table (or macro) built in its own transaction, with its row count."""

import dagster as dg

from assets.lineage import derived_deps
from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.credit.build import build_step
from creditwh.platform import catalog


def sql_table_asset(key: str, model: str, description: str, group: str, is_table: bool = True) -> dg.AssetsDefinition:
    """The asset `key` ("schema/name") built by the model sql/<model>.sql: a table (or, is_table=False, a macro).
    Its deps are the assets whose relations the model's SQL reads (assets/lineage.py)."""
    schema, name = key.split("/")
    asset_key = dg.AssetKey([schema, name])

    @dg.asset(
        key=asset_key,
        group_name=group,
        kinds={"duckdb"},
        deps=derived_deps(asset_key, model),
        metadata={"model": f"sql/{model}.sql"},
        pool=WRITER_POOL,
        description=description,
    )
    def _asset(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            refreshed = build_step(con, model)
            if not is_table:
                return dg.MaterializeResult(metadata={"macro": f"{schema}.{name}"})
            rows = catalog.row_count(con, f"{schema}.{name}")
        incremental = {} if refreshed is None else refreshed.metadata()
        return dg.MaterializeResult(metadata={"rows": rows, "table": f"{schema}.{name}", **incremental})

    return _asset
