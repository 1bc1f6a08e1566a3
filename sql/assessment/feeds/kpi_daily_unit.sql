-- 每日各单位报送质量: per reporting day, source and unit, what arrived and what the warehouse accepted.
select
    reporting_date::date as day,
    source::varchar as source,
    staging.unit_label(source_unit)::varchar as source_unit,
    sum(rows_received)::bigint as rows_received,
    sum(rows_accepted)::bigint as rows_accepted,
    sum(rows_rejected)::bigint as rows_rejected,
    sum(rows_with_warnings)::bigint as rows_with_warnings,
    sum(rows_late)::bigint as rows_late,
    round(sum(rows_accepted) / nullif(sum(rows_received), 0), 4)::double as acceptance_rate,
    round(1 - sum(rows_late) / nullif(sum(rows_accepted), 0), 4)::double as on_time_rate
from quality.summary
where reporting_date <= $as_of::date
group by all
order by day, source, source_unit;
