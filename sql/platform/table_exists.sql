select count(*) > 0 from duckdb_tables()
where database_name = current_database() and schema_name = $schema and table_name = $table and not temporary;
