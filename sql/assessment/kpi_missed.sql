-- 未达标指标: the all-unit indicators of $as_of's year that miss their target (run metadata for the kpi asset).
select name_zh, value, target
from marts.kpi
where source_unit = '全部单位'
  and period_kind = 'year'
  and period = strftime($as_of::date, '%Y')
  and not meets_target
order by metric;
