-- 信用承诺: per receiving unit (全部单位 first), the commitments received in the report period, the share of those
-- due in it that were checked by their due date, and the share of those checked that were found broken.
select
    source_unit as "单位",
    max(value) filter (where metric = 'commitments') as "承诺受理数",
    max(value) filter (where metric = 'commitments_checked_by_due') as "承诺按期核查率",
    max(value) filter (where metric = 'commitment_breach_rate') as "承诺失信率"
from marts.kpi
where period = $period and metric in ('commitments', 'commitments_checked_by_due', 'commitment_breach_rate')
group by source_unit
order by source_unit <> '全部单位', source_unit;
