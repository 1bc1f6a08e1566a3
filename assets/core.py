"""Core layer: subjects, credit events and the repair and objection cases that change them."""

import dagster as dg

from creditwh.credit import build_step
from creditwh.sql import execute
from creditwh.sources import SOURCES
from pipelines.resources import WRITER_POOL, WarehouseResource

STAGING = [dg.AssetKey(["staging", s]) for s in SOURCES]


def _table_asset(step: str, deps: list[dg.AssetKey], description: str, group: str,
                 is_table: bool = True) -> dg.AssetsDefinition:
    """An asset that rebuilds the table of sql/<schema>/<name>.sql (or, is_table=False, a macro)."""
    schema, name = step.split("/")

    @dg.asset(key=dg.AssetKey([schema, name]), group_name=group, kinds={"duckdb"}, deps=deps, pool=WRITER_POOL,
              description=description)
    def _asset(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            refreshed = build_step(con, step)
            if not is_table:
                return dg.MaterializeResult(metadata={"macro": f"{schema}.{name}"})
            rows = execute(con, "common/row_count", table=f"{schema}.{name}").fetchone()[0]
        incremental = {} if refreshed is None else refreshed.metadata()
        return dg.MaterializeResult(metadata={"rows": rows, "table": f"{schema}.{name}", **incremental})

    return _asset


subjects = _table_asset("core/subjects", STAGING, "信用主体：组织按统一社会信用代码、自然人按证件号加盐哈希 / every subject, with name history and legal representative.", "core")
credit_events = _table_asset("core/credit_events", STAGING, "信用事件：处罚、许可、采购、名单，含严重程度与公示期 / every record that counts, with severity and effect window.", "core")
case_effects = _table_asset("core/case_effects", [dg.AssetKey(["core", "credit_events"])], "信用修复与异议对记录的影响 / what each repair and objection does to its record.", "core")

core_assets = [subjects, credit_events, case_effects]
