-- What the feedback on a subject's upstream entries is worked out from (order-free sums of row hashes): each entry
-- with the months it reports on up to the latest day of data (a new month adds a row), and the subject's business:
-- its party rows, screenings and reasons as known then, and its name.
with data_end as (
    select greatest((select max(last_reported) from core.subjects),
                    (select max(coalesce(decided_on, screening_date)) from marts.screenings)) as last_day
),
entries as (
    select
        events.subject_key,
        sum(hash(
            events.event_id, events.record_doc_no, events.detail, events.event_kind, events.source_unit,
            timeline.effect_from, timeline.effect_to,
            -- the months in force reported on: none yet, or from the first to the last
            case when timeline.effect_from <= data_end.last_day
                 then date_trunc('month', least(coalesce(timeline.effect_to - 1, data_end.last_day), data_end.last_day))
            end
        )::hugeint) as fingerprint
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    cross join data_end
    where events.event_kind in ('upstream_punishment', 'procurement_ban', 'upstream_reward')
      and events.superseded_on is null
    group by events.subject_key
),
parties as (
    select subject_key, sum(hash(parties)::hugeint) as fingerprint
    from marts.screening_parties as parties
    group by subject_key
),
screenings as (
    select subject_key, sum(hash(screenings)::hugeint) as fingerprint
    from marts.screenings as screenings
    group by subject_key
),
reasons as (
    select subject_key, sum(hash(reasons)::hugeint) as fingerprint
    from marts.screening_check_reasons as reasons
    where known_as = 'then'
    group by subject_key
)
select
    entries.subject_key,
    hash(entries.fingerprint, parties.fingerprint, screenings.fingerprint, reasons.fingerprint, subjects.subject_name)
        ::hugeint as fingerprint
from entries
left join parties using (subject_key)
left join screenings using (subject_key)
left join reasons using (subject_key)
left join core.subjects as subjects using (subject_key)
