-- Conservation per partition, counted from the tables themselves: raw rows = accepted + rejected rows.
-- One row per requested date, also for a date with no rows at all.
with dates as (
    select unnest($reporting_dates::date[]) as reporting_date
),
raw_rows as (
    select reporting_date, count(*) as n
    from {{raw_table}}
    where list_contains($reporting_dates::date[], reporting_date)
    group by reporting_date
),
accepted as (
    select reporting_date, count(*) as n
    from {{table}}
    where list_contains($reporting_dates::date[], reporting_date)
    group by reporting_date
),
rejections as (
    select
        reporting_date,
        -- a row breaking three rules is still one rejected row
        count(distinct(source_file, coalesce(sheet, ''), source_row)) filter (where severity = 'reject') as rejected_rows,
        count(*) filter (where severity = 'reject') as rejects,
        count(*) filter (where severity = 'warn') as warnings
    from quality.rejections
    where source = $source and list_contains($reporting_dates::date[], reporting_date)
    group by reporting_date
)
select
    dates.reporting_date,
    coalesce(raw_rows.n, 0),
    coalesce(accepted.n, 0),
    coalesce(rejections.rejected_rows, 0),
    coalesce(rejections.rejects, 0),
    coalesce(rejections.warnings, 0)
from dates
left join raw_rows using (reporting_date)
left join accepted using (reporting_date)
left join rejections using (reporting_date)
order by dates.reporting_date;
