-- model: marts.credit_class_daily · view
-- 每日信用等级快照: the dated history expanded to one row per subject and calendar day, computed when read
-- (a view), so "the class on 2026-03-01" is a plain filter and nothing is stored twice.
create or replace view marts.credit_class_daily as
select
    calendar.day,
    history.subject_key,
    history.credit_class,
    history.score,
    history.black,
    history.red,
    history.policy_version
from marts.credit_standing_history as history
join staging.work_calendar as calendar
    on calendar.day >= history.valid_from
    and (history.valid_to is null or calendar.day < history.valid_to)
    and calendar.day <= current_date;
