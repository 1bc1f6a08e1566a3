"""The legal guard rails (REFERENCE §5) as blocking asset checks on the real data: each is named for its rule, and a
failure stops the run naming the offending subjects. Each rule is one query (sql/**/guard_*.sql) that lists them."""

import dagster as dg

from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.platform.sql import relation

HISTORY = dg.AssetKey(["marts", "credit_standing_history"])
SCREENINGS = dg.AssetKey(["marts", "screenings"])
CREDIT_LISTS = dg.AssetKey(["publish", "credit_lists"])


def guard_result(con, query: str, rule_zh: str) -> dg.AssetCheckResult:
    """Passes with no offender, else fails naming the first 20 (subject key, name, first day)."""
    offenders = relation(con, query).fetchall()
    return dg.AssetCheckResult(
        passed=not offenders,
        description=rule_zh,
        metadata={
            "offenders": len(offenders),
            "subjects": dg.MetadataValue.md(
                "\n".join(
                    f"- {key} {subject_name or ''} (from {first_day})" for key, subject_name, first_day in offenders
                )
                or "none"
            ),
        },
    )


def _guard(name: str, asset: dg.AssetKey, query: str, rule: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        name=name,
        asset=asset,
        blocking=True,
        pool=WRITER_POOL,  # it reads the live file
        description=rule,
    )
    def check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            return guard_result(con, query, rule)

    return check


GUARDS = [
    (
        "no_red_without_upstream_basis",
        HISTORY,
        "credit/guard_red_basis",
        "红名单须有上级或外部守信认定 / no red-list standing without an upstream red-source basis",
    ),
    (
        "no_class_a_with_record_in_force",
        HISTORY,
        "credit/guard_class_a",
        "有一般及以上失信记录、上级惩戒或禁入在效时不得评为A级 / no class A with a general or serious record, an upstream "
        "punishment or a ban in force",
    ),
    (
        "no_measure_resting_only_on_objected_record",
        SCREENINGS,
        "screening/guard_objected_measures",
        "异议核实期间不得仅凭该记录实施惩戒 / no measure resting only on a record under objection",
    ),
    (
        "no_published_black_entry_after_exit",
        CREDIT_LISTS,
        "publication/guard_exited_entries",
        "黑名单条目移出之日起不得继续公示 / no published black-list entry after its exit",
    ),
    (
        "no_list_date_before_first_delivery",
        CREDIT_LISTS,
        "publication/guard_dates_before_delivery",
        "列入日期和公示日期不得早于记录首次报送 / no entry or publication date before its record's first delivery",
    ),
]

guard_checks = [_guard(*guard) for guard in GUARDS]
