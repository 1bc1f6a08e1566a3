-- Per source: files by status and rows loaded or rejected, for the command line summary.
select
    source,
    count(*) as files,
    count(*) filter (where status = 'duplicate_delivery') as duplicate_deliveries,
    count(*) filter (where status = 'rejected') as rejected_files,
    coalesce(sum(rows_loaded), 0) as rows_loaded,
    coalesce(sum(rows_rejected), 0) as lines_rejected
from raw.landing_files
group by all
order by source;
