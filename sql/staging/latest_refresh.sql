-- Re-derive the current version of just the records this validation touched: a day's delivery changes a few
-- thousand keys, and a window over every version (27 s for a province's 4.8M licenses) read on every use was
-- the cost of the view this table replaced.
delete from {{latest}} where record_key in (select record_key from latest_keys);
insert into {{latest}} by name
{{rows}};
