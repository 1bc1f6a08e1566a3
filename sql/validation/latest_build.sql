-- Build the current-version table whole: the first validation, or a staging table of a new shape.
drop table if exists {{latest}};
create table {{latest}} as
{{rows}};
comment on table {{latest}} is '各记录的现行版本（同一记录键重复报送时以最新一次为准）/ the current version of each record: the latest delivery of a key wins';
