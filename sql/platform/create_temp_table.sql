-- A query's rows as a session-local table, read several times (a check, then each file format)
create or replace temp table {{table}} as
{{query}};
