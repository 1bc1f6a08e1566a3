-- 信用状况历史: each subject's class, score and list standing as a dated history. Standing changes only
-- where an event starts, softens or ends, or where news of a record or case arrives, so it is evaluated at
-- exactly those points and holds until the next one. Each point sees only what was reported by that day,
-- so a past answer never changes when later data arrives.
create or replace table marts.credit_standing_history as
with boundaries as (
    select subject_key, unnest([first_reported, greatest(first_reported, active_from), min_until, active_to]) as as_of
    from core.credit_events
    union all
    select subject_key, unnest([greatest(reported_on, opened_on), greatest(reported_on, closed_on)])
    from core.case_effects
    union all
    -- red-list eligibility returns when the 3-year look-back passes a general or serious record
    select subject_key, (decided_on + to_years($clean_years))::date
    from core.credit_events where severity in ('general', 'serious')
),
points as (
    select distinct subject_key, as_of from boundaries where as_of is not null
),
in_force as (
    select points.subject_key, points.as_of, events.*  exclude (subject_key)
    from points
    join core.credit_events as events
        on events.subject_key = points.subject_key
        and events.first_reported <= points.as_of
        and events.active_from <= points.as_of
        and (events.active_to is null or points.as_of < events.active_to)
),
case_state as (
    -- cases as known on the point
    select
        in_force.subject_key, in_force.as_of, in_force.event_id,
        bool_or(c.case_kind = 'repair' and c.outcome = '同意' and c.closed_on <= in_force.as_of) as repaired,
        bool_or(c.case_kind = 'objection' and c.outcome = '撤销' and c.closed_on <= in_force.as_of) as revoked,
        bool_or(c.case_kind = 'objection' and c.opened_on <= in_force.as_of
                and (c.closed_on is null or c.closed_on > in_force.as_of or c.reported_on > in_force.as_of)) as under_objection
    from in_force
    join core.case_effects as c on c.event_id = in_force.event_id and c.reported_on <= in_force.as_of
    group by all
),
effective as (
    select in_force.*, coalesce(case_state.under_objection, false) as suspended
    from in_force
    left join case_state using (subject_key, as_of, event_id)
    where not coalesce(case_state.repaired, false) and not coalesce(case_state.revoked, false)
),
weighed as (
    select
        effective.*,
        -- list criteria from policy/policy.yaml (lists.black)
        (event_kind = 'upstream_punishment' and $black_upstream)
            or (event_kind = 'procurement_ban' and $black_ban)
            or (event_kind = 'penalty' and severity = 'serious' and $black_serious_penalty) as black_basis,
        case when polarity = 'negative' and not suspended then
            case when event_kind = 'upstream_punishment' then $deduct_upstream
                 when event_kind = 'procurement_ban' then $deduct_ban
                 when severity = 'serious' then $deduct_serious
                 when severity = 'general' then $deduct_general
                 else $deduct_minor end
            * case when min_until is not null and as_of >= min_until then $after_min_factor else 1 end
        else 0 end as deduction,
        case when event_kind = 'upstream_reward' then $bonus_reward when event_kind = 'license' then $bonus_license
             else 0 end as bonus
    from effective
),
scored as (
    select
        subject_key, as_of,
        $base_score - sum(deduction) + least($bonus_cap, sum(bonus)) as score,
        bool_or(black_basis and not suspended) as black,
        bool_or(polarity = 'negative' and not suspended) as has_negative,
        bool_or(polarity = 'positive') as has_positive,
        bool_or(event_kind = 'upstream_reward') as upstream_reward,
        list(event_id order by event_id) filter (black_basis and not suspended) as black_basis_events,
        list(event_id order by event_id) filter (suspended) as suspended_events,
        list(event_id order by event_id) as evidence_events
    from weighed
    group by all
),
recent_negative as (
    -- a general or serious record decided in the look-back years, known and not revoked by then
    select points.subject_key, points.as_of
    from points
    join core.credit_events as e
        on e.subject_key = points.subject_key
        and e.severity in ('general', 'serious')
        and e.first_reported <= points.as_of
        and e.decided_on between (points.as_of - to_years($clean_years))::date and points.as_of
    where not exists (
        select 1 from core.case_effects c
        where c.event_id = e.event_id and c.case_kind = 'objection' and c.outcome = '撤销'
          and c.closed_on <= points.as_of and c.reported_on <= points.as_of
    )
    group by all
),
standing as (
    select
        points.subject_key,
        points.as_of as valid_from,
        lead(points.as_of) over (partition by points.subject_key order by points.as_of) as valid_to,
        least(greatest(coalesce(scored.score, $base_score), 0), $base_score + $bonus_cap) as score,
        coalesce(scored.black, false) as black,
        coalesce(scored.has_negative, false) as has_negative,
        coalesce(scored.has_positive, false) as has_positive,
        coalesce(scored.upstream_reward, false) as upstream_reward,
        recent_negative.subject_key is not null as recent_negative,
        coalesce(scored.black_basis_events, []) as black_basis_events,
        coalesce(scored.suspended_events, []) as suspended_events,
        coalesce(scored.evidence_events, []) as evidence_events
    from points
    left join scored using (subject_key, as_of)
    left join recent_negative using (subject_key, as_of)
),
graded as (
    select
        standing.*,
        case
            when black then 'D'                     -- a black-listed subject is D
            when not has_negative then 'A'          -- no negative record in force: A
            else list_filter($grades, g -> standing.score >= g.min_score)[1].grade
        end as credit_class
    from standing
)
select
    graded.*,
    not black and not recent_negative
        and ((upstream_reward and $red_upstream_reward) or (credit_class = 'A' and has_positive and $red_class_a)) as red,
    $policy_version as policy_version
from graded;
comment on table marts.credit_standing_history is '信用状况历史 / class, score, black and red standing per subject, valid from valid_from until valid_to (exclusive), as known on each day';
