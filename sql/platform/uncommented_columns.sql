select c.schema_name, c.table_name, c.column_name
from duckdb_columns() as c
join duckdb_tables() as t
    on t.database_name = c.database_name and t.schema_name = c.schema_name and t.table_name = c.table_name
where c.database_name = current_database()
  and c.schema_name in (select unnest($schemas::varchar[]))
  and coalesce(c.comment, '') = ''
  and not t.temporary;
