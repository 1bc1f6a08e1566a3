-- 分单位上报及时率: records due, reported on time, and the rate, per unit, for the report period.
select source_unit as "单位", denominator as "应报记录数", numerator as "按时报送数", value as "上报及时率",
       target as "目标", case meets_target when true then '达标' else '未达标' end as "是否达标"
from marts.kpi
where period = $period and metric = 'timeliness' and source_unit <> '全部单位'
order by value, source_unit;
