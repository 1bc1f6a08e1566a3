-- 异议与修复办理: per day and kind, cases opened, cases closed, and cases still open at the end of the day.
with cases as (
    select 'objection' as case_kind, accepted_on as opened_on, closed_on from staging.objections_latest
    union all
    select 'repair' as case_kind, applied_on as opened_on, decided_on as closed_on from staging.repairs_latest
),
moves as (
    select case_kind, opened_on as day, count(*) as opened, 0 as closed
    from cases where opened_on is not null group by all
    union all
    select case_kind, closed_on as day, 0 as opened, count(*) as closed
    from cases where opened_on is not null and closed_on is not null group by all
),
days as (
    select day from feed_days((select min(day) from moves), $as_of::date)  -- sql/assessment/feeds/day_grid.sql
),
counted as (
    select days.day, kinds.case_kind,
        coalesce(sum(moves.opened), 0) as opened, coalesce(sum(moves.closed), 0) as closed
    from days
    cross join (values ('objection'), ('repair')) as kinds (case_kind)
    left join moves using (day, case_kind)
    group by all
)
select
    day::date as day,
    case_kind::varchar as case_kind,
    opened::bigint as opened,
    closed::bigint as closed,
    (sum(opened - closed) over (partition by case_kind order by day rows unbounded preceding))::bigint as open_cases
from counted
qualify day >= feed_window_start()
order by day, case_kind;
