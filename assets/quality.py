"""Quality outputs: the summary per source, partition and unit, and each unit's correction list."""

import dagster as dg

from creditwh import config
from creditwh.correction_lists import write_correction_lists
from creditwh.quality_summary import build_quality_summary
from creditwh.sources import SOURCES
from creditwh.sql import execute
from pipelines.resources import WRITER_POOL, WarehouseResource

STAGING_KEYS = [dg.AssetKey(["staging", s]) for s in SOURCES]


@dg.asset(
    key=dg.AssetKey(["quality", "summary"]),
    group_name="quality",
    kinds={"duckdb"},
    deps=STAGING_KEYS,
    pool=WRITER_POOL,
    description="数据质量汇总 / received, accepted, rejected and late records by source, reporting date and unit.",
)
def quality_summary(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        build_quality_summary(con)
        totals = execute(con, "quality/summary_totals").fetchall()
    table = "| 数据源 | 报送 received | 入库 accepted | 拒收 rejected |\n|---|---|---|---|\n" + "\n".join(
        f"| {s} | {r} | {a} | {j} |" for s, r, a, j in totals
    )
    return dg.MaterializeResult(metadata={"by_source": dg.MetadataValue.md(table)})


@dg.asset(
    key=dg.AssetKey(["quality", "correction_lists"]),
    group_name="quality",
    kinds={"xlsx"},
    deps=STAGING_KEYS,
    pool=WRITER_POOL,  # it reads the live file, which another process cannot open while a writer holds it
    description="各单位待更正清单（Excel）/ for each source unit, its rejected records and why, to correct and resubmit.",
)
def correction_lists(warehouse: WarehouseResource) -> dg.MaterializeResult:
    out_dir = config.data_dir() / "quality" / "correction_lists"
    with warehouse.connect(read_only=True) as con:
        written = write_correction_lists(con, out_dir)
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(out_dir)),
            "units": len(written),
            "rows": sum(written.values()),
            "by_unit": dg.MetadataValue.md("\n".join(f"- {u}: {n}" for u, n in written.items()) or "none"),
        }
    )


quality_assets = [quality_summary, correction_lists]
