-- 全量分片: one part of the whole set in force (a source's records decided in one month) in the template's form,
-- by decision date, then record
select {{columns}}
from {{frame}}_parts as frame
where frame.part = {{part}}
order by frame.decision_date, frame.record_key
