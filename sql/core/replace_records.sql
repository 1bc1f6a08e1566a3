-- Replace just the rows of the records in records_changed ({{changed}}): a day's delivery changes a few thousand
-- records of millions. A record no longer delivered loses its rows.
delete from {{table}} where {{changed}};
insert into {{table}} by name
{{rows}};
