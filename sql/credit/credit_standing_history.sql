-- model: marts.credit_standing_history · incremental by subject
-- 信用状况历史: the table itself is kept per subject by creditwh/credit/by_subject.py from marts/credit_standing_rows;
-- this step documents it and defines the list-run macro over it.
comment on table marts.credit_standing_history is '信用状况历史 / class, score, black and red standing per subject, valid from valid_from until valid_to (exclusive), as known on each day';

-- 名单连续区间: each unbroken run of days a subject stood on the black or red list, from the history's
-- intervals that start by as_of. exit_on is the day the run ended, NULL while it is open. The red-list
-- publication and the list-count feed both read it.
create or replace macro marts.list_runs(as_of) as table
with standing as (
    select subject_key, valid_from, valid_to, 'black' as list, black as member, upstream_reward, policy_version
    from marts.credit_standing_history
    where valid_from <= as_of
    union all
    select subject_key, valid_from, valid_to, 'red' as list, red as member, upstream_reward, policy_version
    from marts.credit_standing_history
    where valid_from <= as_of
),
flagged as (
    select *,
        member is distinct from lag(member) over (partition by subject_key, list order by valid_from) as run_starts
    from standing
),
numbered as (
    select *, sum(run_starts::int) over (partition by subject_key, list order by valid_from) as run_no
    from flagged
)
select
    subject_key,
    list,
    min(valid_from) as entered_on,
    case when bool_or(valid_to is null) then null else max(valid_to) end as exit_on,
    bool_or(upstream_reward) as upstream_reward,
    max(policy_version) as policy_version
from numbered
where member
group by subject_key, list, run_no;
