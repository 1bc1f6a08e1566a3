-- The columns of these tables, in order: part of a build's version where its SQL reads columns(*)
select table_name, column_name, data_type
from duckdb_columns()
where schema_name = $schema and list_contains($tables::varchar[], table_name)
order by table_name, column_index;
