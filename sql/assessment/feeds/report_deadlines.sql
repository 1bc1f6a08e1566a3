-- 报告截止: the assessment reports of this year and the next half year, with the working days left.
with reports as (
    select unnest($reports::struct(report varchar, period varchar, due_date date)[], recursive := true)
)
select
    reports.report::varchar as report,
    reports.period::varchar as period,
    reports.due_date::date as due_date,
    case when reports.due_date >= $as_of::date then
        (select count(*) filter (where is_workday) from staging.work_calendar
         where day > $as_of::date and day <= reports.due_date)
    end::bigint as working_days_left,
    (case when reports.due_date < $as_of::date then '已过期' when reports.due_date = $as_of::date then '今日截止'
          else '未到期' end)::varchar as status
from reports
order by due_date;
