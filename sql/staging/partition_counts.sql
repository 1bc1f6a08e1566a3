-- Conservation per partition, counted from the tables themselves: raw rows = accepted + rejected rows.
with raw_rows as (
    select count(*) as n from {{raw_table}} where reporting_date = $reporting_date::date
),
accepted as (
    select count(*) as n from {{table}} where reporting_date = $reporting_date::date
),
rejected_rows as (
    -- a row breaking three rules is still one rejected row
    select count(distinct (source_file, coalesce(sheet, ''), source_row)) as n
    from quality.rejections
    where source = $source and reporting_date = $reporting_date::date and severity = 'reject'
),
violations as (
    select
        count(*) filter (where severity = 'reject') as rejects,
        count(*) filter (where severity = 'warn') as warnings
    from quality.rejections
    where source = $source and reporting_date = $reporting_date::date
)
select raw_rows.n, accepted.n, rejected_rows.n, violations.rejects, violations.warnings
from raw_rows, accepted, rejected_rows, violations;
