-- Replace just the rows of the keys in a temp key table: a day's delivery touches a few thousand keys of millions,
-- so re-deriving only theirs beats rebuilding the table (27 s a read for a province's 4.8M licenses as a view).
delete from {{table}} where {{key}} in (select {{key}} from {{keys}});
insert into {{table}} by name
{{rows}};
