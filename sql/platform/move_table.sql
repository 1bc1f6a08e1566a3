-- A table moved to another schema, rows and all (CREATE TABLE AS, then DROP: DuckDB has no ALTER … SET SCHEMA)
create table {{target}} as from {{source}};
drop table {{source}};
