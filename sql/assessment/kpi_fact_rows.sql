-- 考核指标事实（行）: each indicator's numerator and denominator per day and source unit (REFERENCE §7; definitions
-- in policy/kpis.csv), derived from what the warehouse holds now; the code errors only for the codes asked for
-- (all of them, or those whose deliveries changed). A fact with a distinct_key counts distinct keys (subjects,
-- awards), not rows. marts/kpi_facts keeps them.
with timeliness as (
    -- 上报及时率: 双公示 records by the day of their 7-working-day deadline
    select publish_deadline as day, source_unit, 'timeliness' as metric, null as distinct_key,
           count(*) filter (where reported_on_time) as numerator, count(*) as denominator
    from (select publish_deadline, source_unit, reported_on_time from staging.licenses_latest
          union all
          select publish_deadline, source_unit, reported_on_time from staging.penalties_latest)
    where publish_deadline is not null
    group by all
),
acceptance as (
    select reporting_date as day, source_unit, 'acceptance' as metric, null as distinct_key,
           sum(rows_accepted) as numerator, sum(rows_received) as denominator
    from quality.summary
    group by all
),
inaccurate as (
    select reporting_date as day, source, source_unit,
           count(distinct(source_file, sheet, source_row)) as failing
    from quality.rejections
    where category = 'accuracy'
    group by all
),
accuracy as (
    select summary.day, summary.source_unit, 'accuracy' as metric, null as distinct_key,
           sum(summary.received - coalesce(inaccurate.failing, 0)) as numerator, sum(summary.received) as denominator
    from (select reporting_date as day, source, source_unit, sum(rows_received) as received
          from quality.summary group by all) as summary
    left join inaccurate on inaccurate.day = summary.day and inaccurate.source = summary.source
        and inaccurate.source_unit is not distinct from summary.source_unit
    group by all
),
present_items as (
    -- kept per raw partition by marts/kpi_presence
    select source, reporting_date, source_unit, subject_type, rows_received, field, present
    from marts.kpi_field_presence
),
required as (
    select * from (select unnest($required_items::struct(source varchar, subject_type varchar, field varchar)[],
                                 recursive := true))
),
completeness as (
    select items.reporting_date as day, items.source_unit, 'completeness' as metric, null as distinct_key,
           sum(least(items.present, items.rows_received)) as numerator, sum(items.rows_received) as denominator
    from present_items as items
    join required on required.source = items.source and required.field = items.field
        and (required.subject_type = '*' or required.subject_type = items.subject_type)
    group by all
),
codes as (
    -- per raw partition (marts/kpi_codes), for the codes asked for: all of a code's rows, as a name conflict
    -- anywhere makes it wrong on every day it was delivered
    select reporting_date, source_unit, uscc, least_name, greatest_name
    from marts.kpi_codes
    where {{usccs}}
),
wrong_codes as (
    -- each code checked once: a wrong check character, or one code used under two or more names
    select uscc
    from codes
    group by uscc
    having not staging.uscc_valid(upper(uscc)) or min(least_name) < max(greatest_name)
),
code_error as (
    select codes.reporting_date as day, codes.source_unit, 'code_error' as metric, codes.uscc as distinct_key,
           max(case when wrong_codes.uscc is not null then 1 else 0 end) as numerator,
           1 as denominator
    from codes
    left join wrong_codes using (uscc)
    group by all
),
list_moves as (
    select memberships.*, coalesce(events.source_unit, '（外部名单）') as unit
    from marts.list_memberships as memberships
    join core.credit_events as events on events.event_id = memberships.basis_event
    where memberships.exit_reason is distinct from 'revoked'
),
lists as (
    select entered_on as day, unit as source_unit, 'list_entries' as metric, null as distinct_key,
           count(*) as numerator, null as denominator
    from list_moves group by all
    union all
    select exit_on, unit, 'list_exits', null, count(*), null
    from list_moves where exit_on is not null group by all
    union all
    select exit_on, unit, 'list_repairs', null, count(*), null
    from list_moves where exit_reason = 'repaired' group by all
),
objection_cases as (
    select objections.case_no, objections.accepted_on, objections.closed_on, objections.verdict,
           coalesce(max(events.source_unit), max(objections.handled_by)) as unit
    from staging.objections_latest as objections
    left join core.case_effects as effects on effects.case_kind = 'objection' and effects.case_no = objections.case_no
    left join core.credit_events as events using (event_id)
    group by all
),
objections as (
    select accepted_on as day, unit as source_unit, 'objections' as metric, null as distinct_key,
           count(*) as numerator, null as denominator
    from objection_cases where accepted_on is not null group by all
    union all
    select cases.closed_on, cases.unit, 'objection_days', null,
           sum(closed.workday_seq - accepted.workday_seq), count(*)
    from objection_cases as cases
    join staging.work_calendar as accepted on accepted.day = cases.accepted_on
    join staging.work_calendar as closed on closed.day = cases.closed_on
    group by all
    union all
    select closed_on, unit, 'objection_changed_share', null,
           count(*) filter (where verdict in ('更正', '撤销')), count(*)
    from objection_cases where closed_on is not null group by all
),
screened as (
    -- one row per business: its verdict words which case it is (REFERENCE §5, policy/verdicts.csv)
    select business, business_key, coalesce(decided_on, screening_date) as day, source_unit,
           bool_or(verdict = 'restricted_refused') as punished,
           bool_or(verdict = 'restricted_granted') as granted_restricted,
           bool_or(verdict = 'reward_applied') as rewarded,
           bool_or(credit_check_recorded) as checked
    from marts.screenings
    group by all
),
joint_cases as (
    -- 联合惩戒案例: business actually refused or cancelled for a credit reason, never an award that stands
    select day, source_unit, 'punishment_cases' as metric, business || ':' || business_key as distinct_key,
           punished::int as numerator, null as denominator
    from screened
    union all
    select day, source_unit, 'reward_cases', business || ':' || business_key, rewarded::int, null
    from screened
    union all
    -- 应限未限: business granted although a party was restricted, to verify and handle
    select day, source_unit, 'restricted_granted', business || ':' || business_key, granted_restricted::int, null
    from screened
    union all
    select day, source_unit, 'credit_check_share', business_key, checked::int, 1
    from screened where business = 'procurement'
    union all
    select day, source_unit, 'restricted_awards', business_key, granted_restricted::int, null
    from screened where business = 'procurement'
),
commitment_facts as (
    -- 信用承诺 (the current version of each): received by the day it was made, checked by its due date (those with
    -- a 承诺期限, by that date), found broken among those checked (by the check date); the unit that received it
    select committed_on as day, accepting_unit as source_unit, 'commitments' as metric, null as distinct_key,
           count(*) as numerator, null as denominator
    from core.commitments where superseded_on is null group by all
    union all
    select due_on, accepting_unit, 'commitments_checked_by_due', null,
           count(*) filter (where fulfilment in ('履约', '未履约') and checked_on <= due_on), count(*)
    from core.commitments where superseded_on is null and due_on is not null group by all
    union all
    select checked_on, accepting_unit, 'commitment_breach_rate', null,
           count(*) filter (where fulfilment = '未履约'), count(*)
    from core.commitments where superseded_on is null and fulfilment in ('履约', '未履约') group by all
)
select
    day::date as day,
    staging.unit_label(source_unit)::varchar as source_unit,
    metric::varchar as metric,
    distinct_key::varchar as distinct_key,
    numerator::double as numerator,
    denominator::double as denominator
from (
    select * from timeliness
    union all
    select * from acceptance
    union all
    select * from accuracy
    union all
    select * from completeness
    union all
    select * from code_error
    union all
    select * from lists
    union all
    select * from objections
    union all
    select * from joint_cases
    union all
    select * from commitment_facts
)
where day is not null
