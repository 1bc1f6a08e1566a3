-- Build a table kept incrementally whole (the first build, or a new SQL or policy version), in the given layout
-- ({{layout}}: empty, or an ORDER BY). None of the tables kept from change is sorted here: an ORDER BY over the
-- 10M-row events' build ran out of DuckDB's memory. The weekly maintenance lays the tables the credit check reads
-- out by subject instead (maintenance/sort_by_subject).
create or replace table {{table}} as
select * from ({{rows}})
{{layout}};
