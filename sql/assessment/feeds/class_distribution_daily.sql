-- 信用等级分布: per day, the number of subjects in each credit class, as known then. Computed from the class
-- intervals' start and end points, so it is linear in the number of intervals, not subjects × days.
with moves as (
    select valid_from as day, credit_class, count(*) as delta
    from marts.credit_standing_history group by all
    union all
    select valid_to as day, credit_class, -count(*) as delta
    from marts.credit_standing_history where valid_to is not null group by all
),
days as (
    select day from feed_days((select min(day) from moves), $as_of::date)  -- sql/assessment/feeds/day_grid.sql
),
grid as (
    select days.day, classes.credit_class
    from days cross join (select distinct credit_class from marts.credit_standing_history) as classes
),
counted as (
    select grid.day, grid.credit_class, coalesce(sum(moves.delta), 0) as delta
    from grid
    left join moves using (day, credit_class)
    group by all
)
select
    day::date as day,
    credit_class::varchar as credit_class,
    (sum(delta) over (partition by credit_class order by day rows unbounded preceding))::bigint as subjects
from counted
qualify day >= feed_window_start()
order by day, credit_class;
