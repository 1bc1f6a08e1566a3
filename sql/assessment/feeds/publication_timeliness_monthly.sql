-- 双公示上报及时性: per month of the 7-working-day deadline, source and unit: records due, and how many reached
-- the warehouse by their deadline.
with due as (
    select 'licenses' as source, source_unit, publish_deadline, reported_on_time from staging.licenses_latest
    union all
    select 'penalties' as source, source_unit, publish_deadline, reported_on_time from staging.penalties_latest
)
select
    date_trunc('month', publish_deadline)::date as month,
    source::varchar as source,
    staging.unit_label(source_unit)::varchar as source_unit,
    count(*)::bigint as records_due,
    count(*) filter (where reported_on_time)::bigint as on_time,
    count(*) filter (where not reported_on_time)::bigint as late,
    round(count(*) filter (where reported_on_time) / count(*), 4)::double as on_time_rate
from due
where publish_deadline <= $as_of::date
group by all
order by month, source, source_unit;
