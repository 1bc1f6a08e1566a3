-- 红黑名单每日数量: per day and list, the subjects on it, and how many entered and left that day, as known then.
with runs as (
    select list, entered_on, exit_on from marts.list_runs($as_of::date)
),
moves as (
    select list, entered_on as day, count(*) as entries, 0 as exits from runs group by all
    union all
    select list, exit_on as day, 0 as entries, count(*) as exits from runs where exit_on is not null group by all
),
days as (
    select day from feed_days((select min(day) from moves), $as_of::date)  -- sql/assessment/feeds/day_grid.sql
),
grid as (
    select days.day, lists.list from days cross join (values ('black'), ('red')) as lists (list)
),
counted as (
    select
        grid.day, grid.list,
        coalesce(sum(moves.entries), 0) as entries,
        coalesce(sum(moves.exits), 0) as exits
    from grid
    left join moves using (day, list)
    group by all
)
select
    day::date as day,
    list::varchar as list,
    (sum(entries - exits) over (partition by list order by day rows unbounded preceding))::bigint as members,
    entries::bigint as entries,
    exits::bigint as exits
from counted
qualify day >= feed_window_start()
order by day, list;
