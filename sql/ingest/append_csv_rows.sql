-- Append one landed CSV to the partition, with lineage. Each accepted record gets the row number it has
-- in the file: the k-th accepted record sits after every rejected line before it, so it moves down by
-- the number of those lines.
insert into partition_rows by name
with accepted as (
    -- temp-table rowids start at a large offset but keep file order
    select rowid - min(rowid) over () as ordinal, * from landed_csv
),
rejected as (
    -- the reader logs one error per missing column: one rejected line each
    select line, row_number() over (order by line) as rejected_so_far
    from (select distinct line from landed_rejects)
),
gaps as (
    -- the accepted ordinal at which each rejected line interrupts the sequence
    select line - $first_row - rejected_so_far + 1 as at_ordinal, max(rejected_so_far) as skipped
    from rejected
    group by all
)
select
    accepted.* exclude (ordinal),
    $first_row + accepted.ordinal + coalesce(gaps.skipped, 0) as source_row,
    $source as source,
    $source_file as source_file,
    $file_sha256 as file_sha256,
    $sheet as sheet,
    $reporting_date::date as reporting_date,
    $header_style as header_style,
    $ingested_at::timestamp as ingested_at,
    $run_id as run_id
from accepted
asof left join gaps on accepted.ordinal >= gaps.at_ordinal;
