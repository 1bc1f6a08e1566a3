-- The shape of validation/record_deliveries with no rows: what the correction list reads before any source is
-- validated.
select null::varchar as source, null::varchar as record_key, null::date as reporting_date
where false
