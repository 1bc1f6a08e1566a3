-- Conservation per partition: records read from loaded files = rows in the raw table + rejected lines.
with files as (
    select
        coalesce(sum(rows_read) filter (where status = 'loaded'), 0) as rows_read,
        count(*) filter (where status = 'loaded') as files_loaded,
        count(*) filter (where status = 'duplicate_delivery') as files_duplicate,
        count(*) filter (where status = 'rejected') as files_rejected
    from raw.landing_files
    where source = $source and reporting_date = $reporting_date::date
),
loaded as (
    select count(*) as rows_loaded from {{table}} where reporting_date = $reporting_date::date
),
rejected as (
    select count(*) filter (where source_row is not null) as lines_rejected
    from raw.rejections
    where source = $source and reporting_date = $reporting_date::date
)
select files.rows_read, loaded.rows_loaded, rejected.lines_rejected,
       files.files_loaded, files.files_duplicate, files.files_rejected
from files, loaded, rejected;
