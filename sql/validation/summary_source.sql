-- One source's rows in the quality summary, by reporting date and source unit.
insert into quality.summary
with received as (
    select reporting_date, staging.unit_label({{unit_column}}) as source_unit, count(*) as n
    from {{raw_table}}
    group by all
),
accepted as (
    select
        reporting_date,
        staging.unit_label({{unit_column}}) as source_unit,
        count(*) as n,
        count(*) filter (where len(warning_rules) > 0) as with_warnings,
        count(*) filter (where reported_on_time = false) as late
    from {{staging_table}}
    group by all
),
violations as (
    select
        reporting_date,
        staging.unit_label(source_unit) as source_unit,
        count(distinct(source_file, coalesce(sheet, ''), source_row)) filter (where severity = 'reject') as rejected_rows,
        count(*) filter (where severity = 'reject') as rejects,
        count(*) filter (where severity = 'warn') as warns
    from quality.rejections
    where source = $source
    group by all
)
select
    $source as source,
    received.reporting_date,
    received.source_unit,
    received.n as rows_received,
    coalesce(accepted.n, 0) as rows_accepted,
    coalesce(violations.rejected_rows, 0) as rows_rejected,
    coalesce(accepted.with_warnings, 0) as rows_with_warnings,
    coalesce(violations.rejects, 0) as violations,
    coalesce(violations.warns, 0) as warnings,
    coalesce(accepted.late, 0) as rows_late
from received
left join accepted using (reporting_date, source_unit)
left join violations using (reporting_date, source_unit);
