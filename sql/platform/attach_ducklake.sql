-- The lake as the session's default database: every other SQL file runs unchanged on it.
-- ATTACH cannot bind its arguments; they arrive as quoted literals (creditwh.platform.sql.quote_literal).
-- No data inlining (DuckLake 1.x inlines writes under 10 rows into the catalog by default): DuckDB 1.5.5 cannot read
-- a struct holding a list back from PostgreSQL-inlined rows (marts.event_timelines.now) and aborts the process with
-- "Attempted to access index 0 within vector of size 0" (duckdb/ducklake#1330). A small write is a small Parquet
-- file instead, which the weekly maintenance merges.
attach if not exists {{catalog}} as warehouse (data_path {{data_path}}, data_inlining_row_limit 0);
use warehouse;
