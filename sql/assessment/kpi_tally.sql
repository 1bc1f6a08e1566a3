-- 考核指标累计量（行）: what marts.kpi's numerators and denominators are made of, per period (month, half year,
-- year), unit and indicator, and per period and indicator for all units, over the facts given (of the periods
-- asked for). Only counts and sums, so the tallies of a part of the facts can be taken off and added back
-- (assessment/kpi_tallies). The facts are whole numbers, so the sums are exact in any order.
with in_periods as (
    select facts.*, unnest(kpi_periods_of(facts.day), recursive := true)
    from {{facts}} as facts
)
select
    period_kind::varchar as period_kind,
    period::varchar as period,
    period_start::date as period_start,
    period_end::date as period_end,
    grouping(source_unit) = 1 as all_units,
    coalesce(source_unit, '全部单位')::varchar as source_unit,
    metric::varchar as metric,
    count(*)::bigint as fact_rows,
    count(distinct_key)::bigint as keyed_rows,
    count(distinct distinct_key)::bigint as distinct_keys,
    (count(distinct distinct_key) filter (where numerator > 0))::bigint as distinct_keys_counted,
    coalesce(sum(numerator), 0)::double as numerator_sum,
    count(numerator)::bigint as numerator_rows,
    coalesce(sum(denominator), 0)::double as denominator_sum,
    count(denominator)::bigint as denominator_rows
from in_periods
where {{periods}}
group by grouping sets ((period_kind, period, period_start, period_end, source_unit, metric),
                        (period_kind, period, period_start, period_end, metric))
