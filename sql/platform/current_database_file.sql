-- The file of the session's default database when it is an embedded DuckDB file (none on DuckLake).
select path from duckdb_databases() where database_name = current_database() and type = 'duckdb';
