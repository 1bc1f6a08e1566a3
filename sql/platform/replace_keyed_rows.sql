-- Replace just the rows of some keys ({{keyed}}: a filter naming them, e.g. the records in records_changed): a
-- day's delivery touches a few thousand keys of millions, so re-deriving only theirs beats rebuilding the table
-- (27 s a read for a province's 4.8M licenses as a view). A key no longer derived loses its rows.
delete from {{table}} where {{keyed}};
insert into {{table}} by name
{{rows}};
