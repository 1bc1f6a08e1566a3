-- 行政处罚月度统计: penalties decided per month, source unit and severity, with their fines.
select
    date_trunc('month', decided_on)::date as month,
    staging.unit_label(source_unit)::varchar as source_unit,
    severity::varchar as severity,
    count(*)::bigint as penalties,
    count(*) filter (where published)::bigint as published,
    coalesce(sum(fine_10k_yuan), 0)::double as fines_10k_yuan
from core.credit_events
where event_kind = 'penalty'
  and superseded_on is null  -- the record as now known, once
  and first_reported <= $as_of::date
group by all
order by month, source_unit, severity;
