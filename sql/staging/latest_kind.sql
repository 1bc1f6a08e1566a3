-- What the current-version relation is today: a table, a view (warehouses built before it was a table), or nothing
select 'table' from duckdb_tables()
where database_name = current_database() and schema_name = $schema and table_name = $name and not temporary
union all
select 'view' from duckdb_views()
where database_name = current_database() and schema_name = $schema and view_name = $name and not temporary;
