-- What a subject's screening reasons are worked out from (order-free sums of row hashes): the days it is screened
-- on, its event timelines in both views (a late record, an objection or a repair changes them) and its events
-- (the evidence: the record, its file and row). Only subjects screened have reasons.
with checks as (
    select subject_key, sum(hash(subject_key, screening_date)::hugeint) as fingerprint
    from (select distinct subject_key, screening_date from marts.screening_parties) as checks
    group by subject_key
),
timelines as (
    select subject_key, sum(hash(timeline)::hugeint) as fingerprint
    from marts.event_timelines as timeline
    group by subject_key
),
events as (
    select subject_key, sum(hash(events)::hugeint) as fingerprint
    from core.credit_events as events
    group by subject_key
)
select
    checks.subject_key,
    hash(checks.fingerprint, timelines.fingerprint, events.fingerprint)::hugeint as fingerprint
from checks
left join timelines using (subject_key)
left join events using (subject_key)
where checks.subject_key is not null
