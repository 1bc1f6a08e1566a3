-- Per source: files by status, rows loaded or rejected on read, and rows accepted or quarantined by validation.
with files as (
    select
        source,
        count(*) as files,
        count(*) filter (where status = 'duplicate_delivery') as duplicate_deliveries,
        count(*) filter (where status = 'rejected') as rejected_files,
        coalesce(sum(rows_rejected), 0) as lines_rejected
    from raw.landing_files
    where reporting_date is not null  -- files outside every date folder are listed apart (files_not_loaded)
    group by all
),
rows as (
    select source, sum(rows_received) as received, sum(rows_accepted) as accepted, sum(rows_rejected) as rejected,
           sum(rows_late) as late
    from quality.summary
    group by all
)
select files.source, files.files, files.duplicate_deliveries, files.rejected_files, files.lines_rejected,
       coalesce(rows.received, 0), coalesce(rows.accepted, 0), coalesce(rows.rejected, 0), coalesce(rows.late, 0)
from files
left join rows using (source)
order by files.source;
