-- What a subject's screenings are worked out from (order-free sums of row hashes): its business (each party row),
-- its reasons in both views, its standing history and its name. A change to one consortium member's inputs
-- screens the whole business again (screening/business_affected).
with parties as (
    select subject_key, sum(hash(parties)::hugeint) as fingerprint
    from marts.screening_parties as parties
    group by subject_key
),
reasons as (
    select subject_key, sum(hash(reasons)::hugeint) as fingerprint
    from marts.screening_check_reasons as reasons
    group by subject_key
),
standing as (
    select subject_key, sum(hash(history)::hugeint) as fingerprint
    from marts.credit_standing_history as history
    group by subject_key
),
commitments as (
    -- a commitment going overdue or found fulfilled changes the advisory rewards (the green channel)
    select subject_key, sum(hash(commitments)::hugeint) as fingerprint
    from core.commitments as commitments
    group by subject_key
)
select
    parties.subject_key,
    hash(parties.fingerprint, reasons.fingerprint, standing.fingerprint, subjects.subject_name,
         commitments.fingerprint)::hugeint as fingerprint
from parties
left join reasons using (subject_key)
left join standing using (subject_key)
left join commitments using (subject_key)
left join core.subjects as subjects using (subject_key)
where parties.subject_key is not null  -- a party named by no code is screened again each day (business_affected)
