-- model: marts.trigger_feedback · table
-- 触发反馈: for every upstream list entry and every month it was in force, what the bureau did about it:
-- the measures applied in which business, or a row saying there was no business with the subject.
create or replace table marts.trigger_feedback as
with entries as (
    select
        events.event_id, events.subject_key, events.record_doc_no, events.detail as list_type, events.event_kind,
        events.source_unit as initiating_department, timeline.effect_from, timeline.effect_to
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    where events.event_kind in ('upstream_punishment', 'procurement_ban', 'upstream_reward')
),
data_end as (
    -- feedback runs up to the latest reporting date the warehouse holds
    select max(last_reported) as last_day from core.subjects
),
periods as (
    select entries.*, unnest(generate_series(
        date_trunc('month', entries.effect_from),
        date_trunc('month', least(coalesce(entries.effect_to - 1, data_end.last_day), data_end.last_day)),
        interval 1 month))::date as period
    from entries, data_end
    where entries.effect_from <= data_end.last_day
),
applied as (
    -- punishments: the business this entry restricted
    select
        reasons.evidence_event as event_id, date_trunc('month', reasons.screening_date)::date as period,
        reasons.business, reasons.reference, reasons.title, reasons.screening_date,
        reasons.measure_id, reasons.measure_name, reasons.legal_basis
    from marts.screening_reasons as reasons
    union all
    -- rewards: the advisory rewards the subject was given while the entry was in force
    select
        entries.event_id, date_trunc('month', screenings.screening_date)::date, screenings.business,
        screenings.reference, screenings.title, screenings.screening_date,
        null, array_to_string(screenings.advisory_rewards, '；'), null
    from entries
    join marts.screenings as screenings
        on screenings.subject_key = entries.subject_key
        and screenings.screening_date >= entries.effect_from
        and (entries.effect_to is null or screenings.screening_date < entries.effect_to)
    where entries.event_kind = 'upstream_reward' and len(screenings.advisory_rewards) > 0
)
select
    periods.initiating_department,
    periods.period,
    periods.event_id,
    periods.list_type,
    periods.record_doc_no,
    periods.subject_key,
    subjects.subject_name,
    applied.business,
    applied.reference,
    applied.title,
    applied.screening_date,
    applied.measure_id,
    applied.measure_name,
    applied.legal_basis,
    case when applied.event_id is null then '本期无相关业务 / no business with the subject in the period'
         when periods.event_kind = 'upstream_reward' then '已给予激励措施 / reward applied'
         else '已实施惩戒措施 / punishment applied' end as outcome
from periods
left join applied on applied.event_id = periods.event_id and applied.period = periods.period
left join core.subjects as subjects using (subject_key);
comment on table marts.trigger_feedback is '触发反馈 / per upstream list entry and month: the measures applied in which business, or no business';
