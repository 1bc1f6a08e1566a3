-- 剩余工作日: working days after $from_day up to and including $to_day.
select count(*) filter (where is_workday) as working_days
from staging.work_calendar
where day > $from_day::date and day <= $to_day::date;
