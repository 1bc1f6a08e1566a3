-- Lay a table kept from change out by subject bucket again (core.subject_bucket), so a credit check reads one row
-- group per table; each day's changes are appended at its end, out of that order. Rewritten in place (not
-- replaced), so its comments and the tables' own identity stay.
create or replace temp table sorted_rows as
select * from {{table}}
order by subject_bucket, subject_key;
delete from {{table}};
insert into {{table}}
select * from sorted_rows;
drop table sorted_rows;
