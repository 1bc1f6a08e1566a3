-- The what-if's headline counts: subjects on each list on the window's last day, and the procurement awards to
-- restricted suppliers (应限未限) screened in the window, live and under the alternative policy.
with lists as (
    select 'before' as side, list, subject_key, entered_on, exit_on from baseline.list_memberships
    union all
    select 'after', list, subject_key, entered_on, exit_on from marts.list_memberships
),
on_lists as (
    select side, list, count(distinct subject_key) as subjects
    from lists
    where entered_on <= $to_day and (exit_on is null or exit_on > $to_day)
    group by all
),
granted as (
    select 'before' as side, count(*) as awards from baseline.screenings
    where business = 'procurement' and verdict = 'restricted_granted' and screening_date between $from_day and $to_day
    union all
    select 'after', count(*) from marts.screenings
    where business = 'procurement' and verdict = 'restricted_granted' and screening_date between $from_day and $to_day
)
select
    coalesce(sum(subjects) filter (where side = 'before' and list = 'black'), 0) as black_before,
    coalesce(sum(subjects) filter (where side = 'after' and list = 'black'), 0) as black_after,
    coalesce(sum(subjects) filter (where side = 'before' and list = 'red'), 0) as red_before,
    coalesce(sum(subjects) filter (where side = 'after' and list = 'red'), 0) as red_after,
    (select awards from granted where side = 'before') as granted_before,
    (select awards from granted where side = 'after') as granted_after
from on_lists
