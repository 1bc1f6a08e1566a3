-- What a relation is today: a table, a view, or nothing (a warehouse built by older code may hold the other kind)
select 'table' from duckdb_tables()
where database_name = current_database() and schema_name = $schema and table_name = $name and not temporary
union all
select 'view' from duckdb_views()
where database_name = current_database() and schema_name = $schema and view_name = $name and not temporary;
