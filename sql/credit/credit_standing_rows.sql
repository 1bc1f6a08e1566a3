-- model: marts.credit_standing_history · rows of an incremental table
-- 信用状况历史 rows: each subject's class, score and list standing as a dated history, as known on each day.
-- An event changes its contribution only at its own boundaries (marts.event_timelines), so each event
-- adds its contribution where a segment starts and takes it back where the segment ends; a running sum
-- per subject then gives the standing from each change until the next. Linear in the number of events.
-- {{timelines}} is the view it is computed in: marts.event_timelines (as known then) or marts.event_timelines_now.
with segments as (
    -- each event's segments between its change points: two unnests in one select list are read in step (the next
    -- point is NULL after the last), where a lateral unnest with ordinality cost a join back to every event (16 s of
    -- the 23 s a 10M warehouse's busy day took)
    select
        timeline,
        subject_key,
        unnest(change_points) as point,
        unnest(change_points[2:]) as next_point
    from (
        select
            timeline,
            timeline.subject_key,
            list_sort(list_distinct(list_filter(
                [timeline.effect_from, timeline.effect_to, timeline.min_until, timeline.look_back_from, timeline.look_back_to]
                    || list_transform(timeline.suspensions, s -> s."from")
                    || list_transform(timeline.suspensions, s -> s."to"),
                x -> x is not null and x >= timeline.effect_from
            ))) as change_points
        -- only the columns marts.event_state and marts.event_counts read: the whole row as a struct (its ids, files
        -- and the `now` view) was carried through every change point
        from (
            select
                subject_key, effect_from, effect_to, min_until, look_back_from, look_back_to, suspensions, event_kind,
                polarity, severity, black_basis, deduction, softened_deduction, bonus
            from {{timelines}}
            where {{subjects}}
        ) as timeline
    )
),
points as (
    select
        subject_key,
        marts.event_counts(timeline, marts.event_state(timeline, point)) as counts,
        point,
        next_point
    from segments
),
signed as (
    select subject_key, point as t, counts, 1 as sign from points
    union all
    select subject_key, next_point as t, counts, -1 as sign from points where next_point is not null
),
deltas as (
    select
        subject_key, t,
        sum(sign * counts.deduction) as deduction,
        sum(sign * counts.bonus) as bonus,
        sum(sign * counts.black) as black,
        sum(sign * counts.capping) as capping,
        sum(sign * counts.negative) as negative,
        sum(sign * counts.positive) as positive,
        sum(sign * counts.reward) as reward,
        sum(sign * counts.recent) as recent
    from signed
    group by all
),
running as (
    select
        subject_key,
        t as valid_from,
        lead(t) over by_day as valid_to,
        sum(deduction) over to_date as deduction,
        sum(bonus) over to_date as bonus,
        sum(black) over to_date > 0 as black,
        sum(capping) over to_date > 0 as capped,
        sum(negative) over to_date > 0 as has_negative,
        sum(positive) over to_date > 0 as has_positive,
        sum(reward) over to_date > 0 as upstream_reward,
        sum(recent) over to_date > 0 as recent_negative
    from deltas
    window by_day as (partition by subject_key order by t),
           to_date as (partition by subject_key order by t rows between unbounded preceding and current row)
),
scored as (
    select
        running.* exclude (deduction, bonus),
        round(least(greatest($base_score - deduction + least($bonus_cap, bonus), 0), $base_score + $bonus_cap), 2)
            as score
    from running
),
by_score as (
    select
        scored.*,
        case when has_negative then list_filter($grades, g -> scored.score >= g.min_score)[1].grade else 'A' end
            as score_class
    from scored
),
graded as (
    -- the class caps of policy/policy.yaml: the worse of the score's class and the cap ($grades runs best first)
    select
        by_score.* exclude (score_class),
        case
            when black then $cap_black
            when capped and list_position(list_transform($grades, g -> g.grade), score_class)
                    < list_position(list_transform($grades, g -> g.grade), $cap_record)
                then $cap_record
            else score_class
        end as credit_class
    from by_score
),
standing as (
    select
        subject_key, valid_from, valid_to, credit_class, score, black,
        -- 诚信典型 (policy lists.red): an active upstream red-source entry, not black-listed, nothing negative in the
        -- look-back; a licence or class A alone is no basis
        not black and not recent_negative and upstream_reward and $red_upstream_reward as red,
        has_negative, has_positive, upstream_reward, recent_negative
    from graded
),
compared as (
    select
        *,
        { 'credit_class': credit_class, 'score': score, 'black': black, 'red': red, 'has_negative': has_negative,
          'has_positive': has_positive, 'upstream_reward': upstream_reward, 'recent_negative': recent_negative }
            as state_seen
    from standing
),
runs as (
    -- a day where nothing visible changes (a record's next version, identical in effect) starts no new interval
    select
        *,
        sum(opens_run::int) over (partition by subject_key order by valid_from) as run_no
    from (
        select
            *,
            (state_seen is distinct from lag(state_seen) over (partition by subject_key order by valid_from)) as opens_run
        from compared
    )
)
select
    subject_key,
    core.subject_bucket(subject_key) as subject_bucket,
    min(valid_from) as valid_from,
    case when bool_or(valid_to is null) then null else max(valid_to) end as valid_to,
    credit_class, score, black, red, has_negative, has_positive, upstream_reward, recent_negative,
    $policy_version as policy_version
from runs
group by subject_key, run_no, credit_class, score, black, red, has_negative, has_positive, upstream_reward,
    recent_negative
