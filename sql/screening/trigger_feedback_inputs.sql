-- What the feedback on a subject's upstream entries in one month (its part) is worked out from (order-free sums of
-- row hashes): each entry reported on that month (core.feedback_months, up to the latest day of data: a new month
-- adds a part), and the subject's business screened that month: its party rows, screenings and reasons as known
-- then; and its name. A day's late data about October changes October's parts, not November's.
with data_end as (
    select greatest((select max(last_reported) from core.subjects),
                    (select max(coalesce(decided_on, screening_date)) from marts.screenings)) as last_day
),
entry_months as (
    select
        events.subject_key,
        unnest(core.feedback_months(timeline.effect_from, timeline.effect_to, data_end.last_day))::date as part,
        hash(
            events.event_id, events.record_doc_no, events.detail, events.event_kind, events.source_unit,
            timeline.effect_from, timeline.effect_to
        ) as entry_hash
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    cross join data_end
    where events.event_kind in ('upstream_punishment', 'procurement_ban', 'upstream_reward')
      and events.superseded_on is null
),
entries as (
    select subject_key, part, sum(entry_hash::hugeint) as fingerprint
    from entry_months
    group by subject_key, part
),
parties as (
    select subject_key, date_trunc('month', screening_date)::date as part, sum(hash(parties)::hugeint) as fingerprint
    from marts.screening_parties as parties
    group by subject_key, part
),
screenings as (
    select subject_key, date_trunc('month', screening_date)::date as part, sum(hash(screenings)::hugeint) as fingerprint
    from marts.screenings as screenings
    group by subject_key, part
),
reasons as (
    select subject_key, date_trunc('month', screening_date)::date as part, sum(hash(reasons)::hugeint) as fingerprint
    from marts.screening_check_reasons as reasons
    where known_as = 'then'
    group by subject_key, part
)
select
    entries.subject_key,
    entries.part,
    hash(entries.fingerprint, parties.fingerprint, screenings.fingerprint, reasons.fingerprint, subjects.subject_name)
        ::hugeint as fingerprint
from entries
left join parties using (subject_key, part)
left join screenings using (subject_key, part)
left join reasons using (subject_key, part)
left join core.subjects as subjects using (subject_key)
