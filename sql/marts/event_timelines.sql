-- 事件时间线: when each record affects its subject, as the bureau came to know it. A record counts from the
-- day it is both in force and reported; it stops when its publicity ends, or once an approved repair or a
-- revocation is known; an objection suspends it from its (known) acceptance until its close is known.
create or replace table marts.event_timelines as
with cases as (
    select
        event_id,
        min(greatest(closed_on, reported_on)) filter (where case_kind = 'repair' and outcome = '同意') as repaired_known,
        min(greatest(closed_on, reported_on)) filter (where case_kind = 'objection' and outcome = '撤销') as revoked_known,
        list({'from': greatest(opened_on, first_reported),
              'to': case when closed_on is not null then greatest(closed_on, reported_on) end}
             order by greatest(opened_on, first_reported), greatest(closed_on, reported_on) nulls last)
            filter (where case_kind = 'objection' and opened_on is not null) as suspensions
    from core.case_effects
    group by all
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
)
select
    events.event_id,
    events.subject_key,
    events.event_kind,
    events.polarity,
    events.severity,
    greatest(events.first_reported, events.active_from) as effect_from,
    least(events.active_to, cases.repaired_known, cases.revoked_known) as effect_to,  -- least() skips NULLs
    cases.revoked_known,
    events.min_until,
    coalesce(cases.suspensions, []) as suspensions,
    -- list criteria from policy/policy.yaml (lists.black)
    (events.event_kind = 'upstream_punishment' and $black_upstream)
        or (events.event_kind = 'procurement_ban' and $black_ban)
        or (events.event_kind = 'penalty' and events.severity = 'serious' and $black_serious_penalty) as black_basis,
    events.deduction,
    -- once the minimum publicity period has passed the subject could have repaired it: the deduction softens
    events.deduction * $after_min_factor as softened_deduction,
    events.bonus,
    -- the red list's look-back: a general or serious record counts for clean_years after its decision
    case when events.severity in ('general', 'serious') then greatest(events.decided_on, events.first_reported) end
        as look_back_from,
    case when events.severity in ('general', 'serious')
         then least((events.decided_on + to_years($clean_years))::date, cases.revoked_known) end as look_back_to
from weighed as events
left join cases using (event_id);
comment on table marts.event_timelines is '事件影响时间线 / when each record affects its subject, as known: effect window, softening, objection suspensions';

-- What one event contributes on day t: the single definition both the history and the credit check use.
create or replace macro marts.event_state(e, t) as {
    'active': t >= e.effect_from and (e.effect_to is null or t < e.effect_to),
    'suspended': coalesce(list_bool_or(list_transform(e.suspensions, s -> t >= s."from" and (s."to" is null or t < s."to"))), false),
    'softened': e.min_until is not null and t >= e.min_until,
    'in_look_back': e.look_back_from is not null and t >= e.look_back_from and (e.look_back_to is null or t < e.look_back_to)
};

create or replace macro marts.event_counts(e, s) as {
    'deduction': case when s.active and not s.suspended
                      then case when s.softened then e.softened_deduction else e.deduction end else 0 end,
    'bonus': case when s.active then e.bonus else 0 end,
    'black': case when s.active and not s.suspended and e.black_basis then 1 else 0 end,
    'negative': case when s.active and not s.suspended and e.polarity = 'negative' then 1 else 0 end,
    'positive': case when s.active and e.polarity = 'positive' then 1 else 0 end,
    'reward': case when s.active and e.event_kind = 'upstream_reward' then 1 else 0 end,
    'recent': case when s.in_look_back then 1 else 0 end
};
