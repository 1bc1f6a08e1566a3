"""Ingest: one daily-partitioned raw asset per landing source, every delivered row kept with its lineage."""

from datetime import date

import dagster as dg

from assets.partitions import daily_partitions
from assets.resources import WRITER_POOL, LandingResource, WarehouseResource
from creditwh.ingest.load import PartitionResult, ingest_partition
from creditwh.ingest.strays import register_strays
from creditwh.platform.sources import SOURCES, Source
from creditwh.platform.sql import execute

CONSERVATION_CHECK = "rows_conserved"


def _files_table(results: list[PartitionResult]) -> dg.MetadataValue:
    lines = [
        "| 报送日期 date | 文件 file | 状态 status | 读取 read | 入库 loaded | 拒收行 rejected | 说明 note |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for f in r.files:
            lines.append(
                f"| {r.reporting_date} | {f.source_file} | {f.status} | {f.rows_read} | {f.rows_loaded} "
                f"| {f.rows_rejected} | {f.message_en or f.encoding or ''} |"
            )
    return dg.MetadataValue.md("\n".join(lines))


def build_raw_asset(source: Source) -> dg.AssetsDefinition:
    key = dg.AssetKey(["raw", source.name])

    @dg.asset(
        key=key,
        group_name="raw",
        kinds={"duckdb", "csv", "xlsx"},
        partitions_def=daily_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        pool=WRITER_POOL,
        description=f"{source.title_zh}报送原始数据：每个文件的每一行，原样文本加来源信息 / "
        f"every delivered {source.name} row as text, with file lineage.",
        check_specs=[
            dg.AssetCheckSpec(
                CONSERVATION_CHECK,
                asset=key,
                blocking=True,
                description="读取行数 = 入库行数 + 拒收行数 / rows read = rows loaded + lines rejected, per partition",
            )
        ],
    )
    def _raw(context: dg.AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource):
        results: list[PartitionResult] = []
        conserved: list[dict] = []
        with warehouse.connect() as con:
            for partition in context.partition_keys:
                result = ingest_partition(con, source, landing.path, date.fromisoformat(partition), context.run.run_id)
                results.append(result)
                counts = execute(
                    con,
                    "ingest/partition_counts",
                    {"source": source.name, "reporting_date": partition},
                    table=source.raw_table,
                ).fetchone()
                rows_read, rows_loaded, lines_rejected = counts[:3]
                conserved.append(
                    {
                        "partition": partition,
                        "read": rows_read,
                        "loaded": rows_loaded,
                        "rejected": lines_rejected,
                        "ok": rows_read == rows_loaded + lines_rejected,
                    }
                )
        broken = [c for c in conserved if not c["ok"]]
        context.log.info(
            "%s: %d rows loaded, %d lines rejected, %d files over %d partitions",
            source.name,
            sum(r.rows_loaded for r in results),
            sum(r.rows_rejected for r in results),
            sum(len(r.files) for r in results),
            len(results),
        )
        return dg.MaterializeResult(
            metadata={
                "partitions": len(results),
                "rows_loaded": sum(r.rows_loaded for r in results),
                "lines_rejected": sum(r.rows_rejected for r in results),
                "files_loaded": sum(r.count("loaded") for r in results),
                "files_rejected": sum(r.count("rejected") for r in results),
                "duplicate_deliveries": sum(r.count("duplicate_delivery") for r in results),
                "files": _files_table(results),
                "table": source.raw_table,
            },
            check_results=[
                dg.AssetCheckResult(
                    check_name=CONSERVATION_CHECK,
                    passed=not broken,
                    severity=dg.AssetCheckSeverity.ERROR,
                    metadata={
                        "partitions_checked": len(conserved),
                        "rows_read": sum(c["read"] for c in conserved),
                        "rows_loaded": sum(c["loaded"] for c in conserved),
                        "lines_rejected": sum(c["rejected"] for c in conserved),
                        "broken_partitions": ", ".join(c["partition"] for c in broken) or "none",
                    },
                )
            ],
        )

    return _raw


STRAY_FILES = dg.AssetKey(["raw", "stray_files"])


@dg.asset(
    key=STRAY_FILES,
    group_name="raw",
    kinds={"duckdb"},
    pool=WRITER_POOL,
    description="未装载的落地文件：不在 <数据源>/YYYY-MM-DD/ 文件夹中的文件，登记为拒收并说明原因 / files in the landing "
    "folder outside every <source>/<YYYY-MM-DD>/ folder, registered in raw.landing_files as rejected with the reason "
    "(no partition, no records; see creditwh/ingest/strays.py).",
)
def stray_files(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        strays = register_strays(con, landing.path, context.run.run_id)
    for stray in strays:
        context.log.warning(f"{stray.source_file}: {stray.message}")
    return dg.MaterializeResult(
        metadata={
            "files_not_loaded": len(strays),
            "files": dg.MetadataValue.md("\n".join(f"- {s.source_file}: {s.message}" for s in strays) or "none"),
        }
    )


raw_assets = [*(build_raw_asset(s) for s in SOURCES.values()), stray_files]
