-- 质量问题排行: the rules broken most often, by unit, with the message staff read.
select source_unit, rule_id, severity, any_value(message_zh) as message_zh, count(*) as violations
from quality.rejections
group by all
order by violations desc
limit 50;
