-- Replace just the rows of the records in records_changed: a day's delivery changes a few thousand records of
-- millions. A record no longer delivered loses its rows.
delete from {{table}} where (source, record_key) in (select source, record_key from records_changed);
insert into {{table}} by name
{{rows}};
