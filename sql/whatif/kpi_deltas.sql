-- 考核指标变化: each indicator, unit and period overlapping the window whose value the alternative policy changes.
select
    coalesce(after.period, before.period) as 期间,
    coalesce(after.source_unit, before.source_unit) as 单位,
    coalesce(after.name_zh, before.name_zh) as 指标,
    before.value as 原值,
    after.value as 新值,
    round(coalesce(after.value, 0) - coalesce(before.value, 0), 4) as 差值,
    before.numerator as 原分子,
    after.numerator as 新分子
from baseline.kpi as before
full outer join marts.kpi as after using (period_kind, period, source_unit, metric)
where (before.value, before.numerator, before.denominator) is distinct from (after.value, after.numerator, after.denominator)
  and coalesce(after.period_start, before.period_start) <= $to_day
  and coalesce(after.period_end, before.period_end) >= $from_day
order by 期间, 单位, 指标
