-- 月度趋势: the rate indicators for all units, month by month within the report period.
select period as month, name_zh as indicator, value, target
from marts.kpi
where period_kind = 'month' and source_unit = '全部单位' and kind = 'rate'
  and period_start between $start::date and $end::date
  and metric in ('timeliness', 'acceptance', 'completeness', 'accuracy')
order by period, metric;
