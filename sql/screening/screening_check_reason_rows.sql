-- model: marts.screening_check_reasons · rows of an incremental table
-- Why a subject was restricted on a date, worked out once per (subject, screening date) and not once per party:
-- a subject awarded thousands of contracts with hundreds of list entries would otherwise multiply the two
-- (134M candidate rows for 1.1M parties at province scale).
-- Worked out in both views (issue 21): as known then (the verdict) and as known now (marts.screening_review).
-- {{subjects}} restricts the subjects worked out (creditwh/credit/by_subject.py).
with checks as (
    select distinct subject_key, screening_date from marts.screening_parties
    where {{subjects}}
),
listed as (
    -- a list entry or ban in force on the screening date; a record under objection lifts it
    select
        timeline.known_as, checks.subject_key, checks.screening_date,
        case timeline.event_kind when 'penalty' then 'black_list' when 'commitment_breach' then 'black_list'
                                 when 'upstream_punishment' then 'upstream_list'
                                 else timeline.event_kind end as reason,
        timeline.event_id as evidence_event
    from checks
    join marts.event_timelines_by_view as timeline on timeline.subject_key = checks.subject_key
    where timeline.black_basis
      and marts.event_state(timeline, checks.screening_date).active
      and not marts.event_state(timeline, checks.screening_date).suspended
),
major as (
    -- 政府采购法第二十二条: a major violation in the look-back years, known by the screening date
    -- (which business it restricts is decided per party below)
    select
        timeline.known_as, checks.subject_key, checks.screening_date, 'major_violation' as reason,
        events.event_id as evidence_event
    from checks
    join core.credit_events as events
        on events.subject_key = checks.subject_key
        and events.event_kind = 'penalty'
        and events.decided_on between (checks.screening_date - to_years($major_years))::date and checks.screening_date
    join marts.event_timelines_by_view as timeline using (event_id)
    where
      -- as known then, the version known on the screening date; as known now, the current one
      case timeline.known_as
          when 'then' then events.known_from <= checks.screening_date
                           and (events.superseded_on is null or checks.screening_date < events.superseded_on)
          else events.superseded_on is null
      end
      and (list_has_any(list_transform(string_split(events.detail, ';'), x -> trim(x)), $major_categories)
           or events.fine_10k_yuan >= $major_fine)
      and (timeline.revoked_known is null or timeline.revoked_known > checks.screening_date)
      and not marts.event_state(timeline, checks.screening_date).suspended
)
select
    reasons.*,
    events.record_doc_no as evidence_record,
    events.event_kind as evidence_kind,
    events.decided_on as evidence_decided_on,
    events.source_file as evidence_file,
    events.source_row as evidence_row
from (select * from listed
union all
select * from major) as reasons
join core.credit_events as events on events.event_id = reasons.evidence_event
