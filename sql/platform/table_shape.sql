-- A table's columns and their types, in order (a table of this database; temp tables: common/column_types)
select column_name, data_type
from duckdb_columns()
where database_name = current_database() and schema_name = $schema and table_name = $table
order by column_index;
