-- 分单位考核指标: every indicator of the report period per unit (全部单位 first), with its parts and target.
select
    source_unit as "单位",
    name_zh as "指标",
    numerator as "分子",
    denominator as "分母",
    value as "值",
    target as "目标",
    case meets_target when true then '达标' when false then '未达标' end as "是否达标",
    numerator_zh as "分子口径",
    denominator_zh as "分母口径"
from marts.kpi
where period = $period
order by source_unit <> '全部单位', source_unit, metric;
