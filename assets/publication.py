"""Publication: what leaves the live warehouse for the public and for analysts: the 双公示 files, the red and black
lists with their correction notices, the data dictionary and the analysts' snapshot."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.lineage import python_deps
from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.platform import config
from creditwh.publication.conformance import check_folder
from creditwh.publication.dictionary import apply_comments
from creditwh.publication.double_publicity import PUBLISHED_SOURCES, publish_double_publicity
from creditwh.publication.folder import differ_from_manifest
from creditwh.publication.key_monitoring import publish_key_monitoring, scan_workbook_for_ids
from creditwh.publication.lists import publish_lists
from creditwh.publication.snapshot import publish_snapshot

PRIVACY_CHECK = "no_unmasked_id_numbers"
FORM_CHECK = "national_template_form"
DOUBLE_PUBLICITY = dg.AssetKey(["publish", "double_publicity"])
CREDIT_LISTS = dg.AssetKey(["publish", "credit_lists"])
KEY_MONITORING = dg.AssetKey(["publish", "key_monitoring"])


class DoublePublicityConfig(dg.Config):
    full_set: bool = Field(
        default=False,
        description="今日同时生成全量文件 / also write the whole set in force today "
        "(otherwise every policy full_set_every_days days)",
    )


def _privacy_check(folder: Path, files: list[Path]) -> dg.AssetCheckResult:
    """The publication read every file it wrote back from disk before the folder was put in place, and refused the
    whole folder on a finding (refuse_files_with_ids). Reading them all again cost 40 s at 1M rows, so the check
    proves instead that the files in place are byte for byte those that scan read: the sha256 the manifest
    recorded after it. Files taken over from an earlier folder passed the scan the day they were written."""
    differ = differ_from_manifest(folder, files)
    return dg.AssetCheckResult(
        check_name=PRIVACY_CHECK,
        passed=not differ,
        metadata={
            "files_scanned": len(files),
            "findings": "none"
            if not differ
            else "不是发布前检查过的文件 / not the files scanned before: " + "、".join(differ[:10]),
        },
    )


@dg.asset(
    key=DOUBLE_PUBLICITY,
    group_name="publish",
    kinds={"csv", "xlsx"},
    # the published sources' staging tables are named through the registry, which the SQL cannot show
    deps=python_deps(
        DOUBLE_PUBLICITY,
        "creditwh.publication.double_publicity",
        also=tuple(dg.AssetKey(["staging", s]) for s in PUBLISHED_SOURCES),
    ),
    pool=WRITER_POOL,  # it reads the live file
    description="双公示公示文件（国家模板列序、中文表头、证件号脱敏）：CSV、JSON Lines、Excel / the license and penalty "
    "records in publication today, for the city platform.",
    check_specs=[
        dg.AssetCheckSpec(
            PRIVACY_CHECK,
            asset=DOUBLE_PUBLICITY,
            blocking=True,
            description="公示文件中不得出现未脱敏身份证号 / no unmasked identity number in any output",
        ),
        dg.AssetCheckSpec(
            FORM_CHECK,
            asset=DOUBLE_PUBLICITY,
            description="导入文件符合国家模板：表头、列序、日期 YYYY/MM/DD、当前状态 1/2、无换行 / the files read back "
            "match the national template's headers, order and value forms (REFERENCE §3)",
        ),
    ],
)
def double_publicity(context: dg.AssetExecutionContext, config: DoublePublicityConfig, warehouse: WarehouseResource):
    def publish(con, as_of, out_dir):
        return publish_double_publicity(con, as_of, out_dir, full_set=True if config.full_set else None)

    yield from _publish(
        warehouse,
        "double_publicity",
        publish,
        _form_check,
        lambda results: {
            **{f"rows_{r.source}": r.rows for r in results},
            **{f"built_{r.source}": r.built for r in results},
            **{f"full_set_{r.source}": str(r.full_set) for r in results},
            **{f"changes_{r.source}": str(r.changes) for r in results},
            **{f"notes_{r.source}": "\n".join(r.notes) for r in results if r.notes},
        },
    )


@dg.asset(
    key=CREDIT_LISTS,
    group_name="publish",
    kinds={"csv", "xlsx"},
    # after the 双公示 files: both write the publication log, one run at a time
    deps=python_deps(CREDIT_LISTS, "creditwh.publication.lists", also=(DOUBLE_PUBLICITY,)),
    pool=WRITER_POOL,  # it reads the live file
    description="红黑名单公示及更正/撤销公告：列入日期、依据、措施、移出 / the red and black lists and correction "
    "notices for the city platform.",
    check_specs=[
        dg.AssetCheckSpec(
            PRIVACY_CHECK,
            asset=CREDIT_LISTS,
            blocking=True,
            description="名单公示中不得出现未脱敏身份证号 / no unmasked identity number in any output",
        )
    ],
)
def credit_lists(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    as_of = config.today()
    out_dir = config.data_dir() / "publish" / "lists"
    with warehouse.connect() as con:
        results = publish_lists(con, as_of, out_dir)
    written = [f for r in results for f in r.written]
    yield dg.MaterializeResult(
        metadata={
            "as_of": str(as_of),
            "folder": dg.MetadataValue.path(str(out_dir / as_of.isoformat())),
            **{f"rows_{r.name}": r.rows for r in results},
            "files_written": len(written),  # the rest are the last folder's, linked: their content did not change
        }
    )
    yield _privacy_check(out_dir / as_of.isoformat(), written)


@dg.asset(
    key=KEY_MONITORING,
    group_name="publish",
    kinds={"xlsx"},
    # after the lists: the day's black list it starts from reads their publication log
    deps=python_deps(KEY_MONITORING, "creditwh.publication.key_monitoring", also=(CREDIT_LISTS,)),
    pool=WRITER_POOL,  # it reads the live file
    description="重点监管对象名单（双随机抽查用）：黑名单主体及其法定代表人（证件号脱敏）、列入依据和监管期限；另一工作表"
    "为减少检查频次对象（R03/R05） / the key-monitoring list for the inspection plan: black-listed subjects and their legal "
    "representatives (masked), basis and period; a second sheet of the subjects due fewer inspections.",
    check_specs=[
        dg.AssetCheckSpec(
            PRIVACY_CHECK,
            asset=KEY_MONITORING,
            blocking=True,
            description="重点监管对象名单中不得出现未脱敏身份证号 / no unmasked identity number in the workbook",
        )
    ],
)
def key_monitoring(warehouse: WarehouseResource):
    as_of = config.today()
    out_dir = config.data_dir() / "publish" / "key_monitoring"
    with warehouse.connect() as con:
        result = publish_key_monitoring(con, as_of, out_dir)
        # a workbook written today was read back from disk and scanned before it was put in place (the same bytes;
        # publishing refuses one that leaks): read again, it cost a quarter of the step at 10M. One linked from
        # the last folder is read back in place
        findings = [
            f"{path.name} {sheet} {column}: {masked}"
            for path in result.files
            if path not in result.written
            for sheet, column, masked in scan_workbook_for_ids(con, path)
        ]
    yield dg.MaterializeResult(
        metadata={
            "as_of": str(as_of),
            "path": dg.MetadataValue.path(str(result.files[0])),
            **{f"rows_{name}": rows for name, rows in result.rows.items()},
            "written": bool(result.written),  # else linked from the last folder: its content did not change
        }
    )
    yield dg.AssetCheckResult(
        check_name=PRIVACY_CHECK,
        passed=not findings,
        metadata={
            "files_scanned": len(result.files),
            "scanned_before_put_in_place": len(result.written),
            "findings": "\n".join(findings[:10]) or "none",
        },
    )


def _form_check(con, folder) -> dg.AssetCheckResult:
    findings = check_folder(con, folder)  # read back from disk, like the privacy check
    return dg.AssetCheckResult(
        check_name=FORM_CHECK,
        passed=not findings,
        metadata={"folder": str(folder), "findings": "\n".join(map(str, findings[:20])) or "none"},
    )


def _publish(warehouse: WarehouseResource, folder: str, publish, form_check, metadata):
    """Publish as of today into data/publish/<folder>/<day>/, then check the written files themselves.

    The publish function refuses to write anything if an identity number would leak; the checks read back
    what reached the disk."""
    as_of = config.today()
    out_dir = config.data_dir() / "publish" / folder
    with warehouse.connect() as con:
        results = publish(con, as_of, out_dir)
        checks = [_privacy_check(out_dir / as_of.isoformat(), [f for r in results for f in r.files])]
        if form_check:
            checks.append(form_check(con, out_dir / as_of.isoformat()))
    yield dg.MaterializeResult(
        metadata={
            "as_of": str(as_of),
            "folder": dg.MetadataValue.path(str(out_dir / as_of.isoformat())),
            **metadata(results),
        }
    )
    yield from checks


def build_dictionary_asset(upstream: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=dg.AssetKey(["publish", "data_dictionary"]),
        group_name="publish",
        kinds={"duckdb"},
        deps=upstream,
        pool=WRITER_POOL,
        description="数据字典：为每张表的每一列写入中文注释 / a Chinese COMMENT on every column, so "
        "duckdb_columns() reads like a data dictionary.",
    )
    def data_dictionary(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            added = apply_comments(con)
        return dg.MaterializeResult(metadata={"comments_added": added})

    return data_dictionary


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
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(target)),
                "size_mb": round(target.stat().st_size / 1e6, 1),
            }
        )

    return analytics_snapshot
