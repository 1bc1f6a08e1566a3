-- 名单变动: list entries, exits and exits by repair, month by month within the report period.
select period as month, name_zh as movement, value as entries
from marts.kpi
where period_kind = 'month' and source_unit = '全部单位'
  and metric in ('list_entries', 'list_exits', 'list_repairs')
  and period_start between $start::date and $end::date
order by period, metric;
