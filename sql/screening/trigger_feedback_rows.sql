-- model: marts.trigger_feedback · rows of an incremental table
-- 触发反馈: for every upstream list entry and every month it was in force, what the bureau found and did: each
-- business screened against it with its verdict (a measure applied, or an 应限未限 alert to handle), or a row
-- saying there was no business with the subject.
-- {{subjects}} restricts the subjects of the entries worked out and {{parts}} their months, a filter over subject_key
-- and period (creditwh/credit/by_subject.py: the table is kept by subject and month).
with entries as (
    select
        events.event_id, events.subject_key, events.record_doc_no, events.detail as list_type, events.event_kind,
        events.source_unit as initiating_department, timeline.effect_from, timeline.effect_to
    -- the subjects worked out, chosen at the scan: the entries and their business are a few of many
    from (select * from core.credit_events where {{subjects}}) as events
    join marts.event_timelines as timeline using (event_id)
    where events.event_kind in ('upstream_punishment', 'procurement_ban', 'upstream_reward')
      and events.superseded_on is null  -- feedback reports each entry once, as now known
),
data_end as (
    -- feedback runs up to the latest day the warehouse holds news of: a delivery naming a subject, or business
    -- screened (an applicant may be named nowhere else)
    select greatest((select max(last_reported) from core.subjects),
                    (select max(coalesce(decided_on, screening_date)) from marts.screenings)) as last_day
),
periods as (
    select *
    from (
        select entries.*, unnest(core.feedback_months(entries.effect_from, entries.effect_to, data_end.last_day))::date as period
        from entries, data_end
    )
    where {{parts}}
),
-- the screenings and reasons of the subjects and months worked out: a day rewrites the months it changed, not the
-- subject's whole history (most of a subject's rows are of months long closed)
screened as (
    select *
    from (select *, date_trunc('month', screening_date)::date as period from marts.screenings where {{subjects}})
    where {{parts}}
),
reasons as (
    select *
    from (select *, date_trunc('month', screening_date)::date as period from marts.screening_reasons where {{subjects}})
    where {{parts}}
),
applied as (
    -- punishments: the business this entry restricted, with what became of it. Business already decided when it
    -- was screened is an 应限未限 alert, not a measure applied (REFERENCE §5).
    select
        reasons.evidence_event as event_id, reasons.period,
        reasons.business, reasons.reference, reasons.title, reasons.screening_date,
        reasons.measure_id, reasons.measure_name, reasons.legal_basis, screenings.outcome, screenings.verdict
    from reasons
    join screened as screenings using (business, business_key, role, subject_key)
    union all
    -- rewards: business granted to the subject with a reward measure while the entry was in force
    select
        entries.event_id, screenings.period, screenings.business,
        screenings.reference, screenings.title, screenings.screening_date,
        null, array_to_string(screenings.advisory_rewards, '；'), null, screenings.outcome, screenings.verdict
    from entries
    join screened as screenings
        on screenings.subject_key = entries.subject_key
        and screenings.screening_date >= entries.effect_from
        and (entries.effect_to is null or screenings.screening_date < entries.effect_to)
    where entries.event_kind = 'upstream_reward' and screenings.verdict = 'reward_applied'
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
    applied.outcome as business_outcome,
    applied.verdict,
    case when applied.event_id is null then '本期无相关业务 / no business with the subject in the period'
         else verdicts.feedback_zh || ' / ' || verdicts.feedback_en end as outcome
from periods
left join applied on applied.event_id = periods.event_id and applied.period = periods.period
left join core.screening_verdicts as verdicts on verdicts.id = applied.verdict
-- the names of the subjects worked out only: joined whole, the 8M rows of a 10M warehouse's day were the join's
-- build side (13 s of its 21)
left join (select subject_key, subject_name from core.subjects where {{subjects}}) as subjects using (subject_key)
