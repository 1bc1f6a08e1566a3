-- The records whose current version this validation can change: those the replaced partitions held, and those
-- they now deliver. Read before the partitions' old rows are deleted.
create or replace temp table latest_keys as
select record_key from {{table}}
where list_contains($reporting_dates::date[], reporting_date) and record_key is not null
union
select record_key from validated
where record_key is not null;
