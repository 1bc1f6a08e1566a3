-- 当期考核指标: every indicator for all units in the current month, half year and year, against its target.
select
    period_kind::varchar as period_kind,
    period::varchar as period,
    metric::varchar as metric,
    name_zh::varchar as name_zh,
    kind::varchar as kind,
    numerator::double as numerator,
    denominator::double as denominator,
    value::double as value,
    target::double as target,
    meets_target::boolean as meets_target
from marts.kpi
where source_unit = '全部单位'
  and $as_of::date between period_start and period_end
order by period_start, period_kind, metric;
