-- Build a table kept incrementally whole: the first build, or a new SQL or policy version
create or replace table {{table}} as
{{rows}};
