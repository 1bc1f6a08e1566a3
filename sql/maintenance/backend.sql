-- What kind of database the session writes to: 'duckdb' (the embedded file) or 'ducklake'.
select type from duckdb_databases() where database_name = current_database();
