-- The shape the staging table would get now, read the same way as the stored one.
create or replace temp table validated_shape_probe as
select * exclude (failed_rules), []::varchar[] as warning_rules from validated limit 0;
select column_name, data_type
from duckdb_columns()
where database_name = 'temp' and table_name = 'validated_shape_probe'
order by column_index;
