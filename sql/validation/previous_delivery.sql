-- The records the partitions held before this validation replaces them, with where each was: a re-sent day that no
-- longer holds one withdraws it (validation/dropped_on_resend). Read before the partitions' old rows are deleted.
create or replace temp table previous_delivery as
select reporting_date, record_key, source_file, sheet, source_row, {{unit_column}} as source_unit
from {{table}}
where list_contains($reporting_dates::date[], reporting_date) and record_key is not null
qualify row_number() over (partition by reporting_date, record_key order by source_file, sheet, source_row) = 1;
