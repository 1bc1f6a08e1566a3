-- The records the latest 双公示 publication held back, for the run summary.
select source, column_name, masked_number, source_file, source_row, source_unit
from publish.double_publicity_held
where as_of = (select max(runs.as_of) from publish.double_publicity_runs as runs)
order by source, source_file, source_row, column_name;
