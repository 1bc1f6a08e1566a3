-- The repairs and objections the timelines were just built with
create or replace table ops.timeline_cases_built as
select * replace (suspensions::varchar as suspensions, suspensions_now::varchar as suspensions_now)
from marts.timeline_cases();
comment on table ops.timeline_cases_built is '事件时间线所用的修复与异议 / per event, the repair and objection dates marts.event_timelines was last built with';
