-- Build a table kept incrementally whole (the first build, or a new SQL or policy version), laid out by its key
-- (its sort key): a credit check reads one subject's rows, and in key order DuckDB's zone maps let it read one row
-- group of each table rather than all of them (20 ms → 2 ms a lookup at 1M events). The weekly maintenance sorts
-- again what the days' changes appended (maintenance/sort_by_subject).
create or replace table {{table}} as
select * from ({{rows}})
order by {{sort_key}};
