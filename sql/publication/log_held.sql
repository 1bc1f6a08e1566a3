-- The day's held-back records replace any an earlier run of the same day recorded (idempotent).
delete from publish.double_publicity_held where source = $source and as_of = $as_of::date;

insert into publish.double_publicity_held
select $source, $as_of::date, record_key, column_name, masked_number, source_file, source_row, source_unit
from {{held}};
