-- Give each accepted CSV record the row number it has in the file. The k-th accepted record sits after
-- every rejected line that came before it, so it moves down by the number of those lines.
create or replace temp table landed as
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
    $first_row + accepted.ordinal + coalesce(gaps.skipped, 0) as source_row
from accepted
asof left join gaps on accepted.ordinal >= gaps.at_ordinal
order by accepted.ordinal;
