-- model: marts.event_timelines · rows of an incremental table
-- 事件时间线: when each record affects its subject, in two views (issue 21).
-- As known then (the columns): a version counts from the day it is both in force and delivered until the next
-- version supersedes it; it stops when its publicity ends, or once an approved repair or a revocation is known; an
-- objection suspends it from its (known) acceptance until its close is known.
-- As known now (the struct `now`, on the current version only): the record counts from the day it took effect,
-- a repair ends it on its decision day, a revoked record never counted, and an objection suspends it from its
-- acceptance to its close (marts.event_timelines_now reads it in the same shape).
-- {{records}} restricts the events derived: every one, or those in records_changed (creditwh/credit/by_record.py).
with cases as (
    select * from marts.timeline_cases() where {{records}}
),
weighed as (
    -- score weights from policy/policy.yaml (score)
    select
        events.*,
        case when events.polarity = 'negative' then
            case when events.event_kind = 'upstream_punishment' then $deduct_upstream
                 when events.event_kind = 'procurement_ban' then $deduct_ban
                 when events.severity = 'serious' then $deduct_serious
                 when events.severity = 'general' then $deduct_general
                 else $deduct_minor end
        else 0 end::double as deduction,
        case when events.event_kind = 'upstream_reward' then $bonus_reward
             when events.event_kind = 'license' then $bonus_license else 0 end::double as bonus
    from core.credit_events as events
    where {{records}}
)
select
    events.event_id,
    events.subject_key,
    core.subject_bucket(events.subject_key) as subject_bucket,
    events.event_kind,
    events.polarity,
    events.severity,
    -- a version counts from its delivery until the next version supersedes it (as known then, issue 21)
    greatest(events.known_from, events.active_from) as effect_from,
    least(events.active_to, cases.repaired_known, cases.revoked_known, events.superseded_on) as effect_to,
    cases.revoked_known,
    events.min_until,
    coalesce(cases.suspensions, []) as suspensions,
    -- list criteria from policy/policy.yaml (lists.black)
    (events.event_kind = 'upstream_punishment' and $black_upstream)
        or (events.event_kind = 'procurement_ban' and $black_ban)
        or (events.event_kind = 'penalty' and events.severity = 'serious' and $black_serious_penalty)
        -- a breach of a commitment rated serious (policy commitments.breach_severity) is a serious 失信 record too
        or (events.event_kind = 'commitment_breach' and events.severity = 'serious' and $black_serious_penalty)
        as black_basis,
    events.deduction,
    -- once the minimum publicity period has passed the subject could have repaired it: the deduction softens
    events.deduction * $after_min_factor as softened_deduction,
    events.bonus,
    -- the red list's look-back: a general or serious record counts for clean_years after its decision
    case when events.severity in ('general', 'serious') then greatest(events.decided_on, events.known_from) end
        as look_back_from,
    case when events.severity in ('general', 'serious')
         then least((events.decided_on + to_years($clean_years))::date, cases.revoked_known, events.superseded_on) end
        as look_back_to,
    case when events.superseded_on is null then {
        'effect_from': events.active_from,
        -- a revoked record was wrong from the start: an empty window
        'effect_to': case when cases.revoked then events.active_from else least(events.active_to, cases.repaired_on) end,
        'revoked_known': case when cases.revoked then events.decided_on end,
        'suspensions': coalesce(cases.suspensions_now, []),
        'look_back_from': case when events.severity in ('general', 'serious') then events.decided_on end,
        'look_back_to': case when events.severity in ('general', 'serious')
                             then case when cases.revoked then events.decided_on
                                       else (events.decided_on + to_years($clean_years))::date end end
    } end as now
from weighed as events
-- a repair or an objection concerns the record: every version of it (core.record_event_id)
left join cases on cases.event_id = core.record_event_id(events.event_id)
