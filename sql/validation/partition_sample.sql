-- The rows a GE suite checks: the partitions just written, bounded (GE's pandas route holds them in memory).
-- Above the bound, a reproducible pseudo-random sample (ordered by a hash of the lineage) stands in.
select *
from {{table}}
where reporting_date in (select unnest($keys::date[]))
order by hash(source_file, sheet, source_row)
limit $max_rows;
