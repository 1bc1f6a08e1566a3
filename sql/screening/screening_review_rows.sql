-- model: marts.screening_review · rows of an incremental table
-- 筛查复核: business whose screening, as known on its screening date, differs from what is now known to have been
-- true that day (issue 21). Restricted then but clear now: a record since revoked, or an objection accepted before the
-- screening but delivered after it. Clear then but restricted now: a record decided before the screening but
-- delivered after it. The verdict given stands (it was fair as known then); these are for retrospective review.
-- {{subjects}} restricts the business reviewed (creditwh/credit/by_subject.py).
with screened as (
    select * from marts.screenings where {{subjects}}
),
held_now as (
    -- per subject and screening date, as known now: whether a reason other than a major violation holds, and whether
    -- one does. Flags first, as in screening_rows.sql: joined to the parties, the evidence records made 19M rows
    select subject_key, screening_date, unnest(marts.screening_held_flags(reason))
    from marts.screening_check_reasons
    where known_as = 'now'
    group by subject_key, screening_date
),
restricted_now as (
    -- the parties restricted as known now, without their lists: finding the few whose two views differ before any
    -- list is aggregated keeps the whole build small (aggregating every party's lists first ran out of memory at 10M)
    select distinct parties.business, parties.business_key, parties.role, parties.subject_key
    from marts.screening_parties as parties
    join held_now as held using (subject_key, screening_date)
    where (held.listed or (held.major and parties.major_applies)) and {{subjects}}
),
flipped as (
    select screened.*, restricted_now.business is not null as restricted_now
    from screened
    left join restricted_now
        on restricted_now.business = screened.business and restricted_now.business_key = screened.business_key
        and restricted_now.role = screened.role
        and restricted_now.subject_key is not distinct from screened.subject_key
    where screened.restricted <> (restricted_now.business is not null)
),
flipped_parties as (
    -- a party's screening date and whether major violations restrict its business
    select parties.business, parties.business_key, parties.role, parties.subject_key, parties.screening_date,
        parties.major_applies
    from (select distinct business, business_key, role, subject_key from flipped) as keys
    join marts.screening_parties as parties using (business, business_key, role, subject_key)
),
held_lists as (
    -- the reasons and records of each subject and date in each view (marts.screening_held_lists), for the flipped
    -- parties' dates only: per party they were 7.6M rows to aggregate at 10M
    select subject_key, screening_date, known_as, unnest(marts.screening_held_lists(reason, evidence_record))
    from marts.screening_check_reasons
    semi join (select distinct subject_key, screening_date from flipped_parties) as dates
        using (subject_key, screening_date)
    group by subject_key, screening_date, known_as
),
reasons as (
    -- the flipped parties' reasons in each view, as marts.screenings reads them in the "then" view
    select
        parties.business, parties.business_key, parties.role, parties.subject_key, held.known_as,
        case when parties.major_applies then held.all_reasons else held.listed_reasons end as reasons,
        case when parties.major_applies then held.all_records else held.listed_records end as records
    from flipped_parties as parties
    join held_lists as held using (subject_key, screening_date)
),
compared as (
    select
        flipped.business, flipped.business_key, flipped.reference, flipped.title, flipped.role,
        flipped.subject_key, flipped.subject_name, flipped.screening_date, flipped.outcome,
        flipped.verdict,
        flipped.restricted as restricted_then,
        flipped.restricted_now,
        coalesce(then_reasons.records, []) as records_then,
        coalesce(now_reasons.reasons, []) as reasons_now,
        coalesce(now_reasons.records, []) as records_now,
        flipped.source_unit, flipped.source_file, flipped.source_row
    from flipped
    left join reasons as then_reasons
        on then_reasons.known_as = 'then'
        and then_reasons.business = flipped.business and then_reasons.business_key = flipped.business_key
        and then_reasons.role = flipped.role
        and then_reasons.subject_key is not distinct from flipped.subject_key
    left join reasons as now_reasons
        on now_reasons.known_as = 'now'
        and now_reasons.business = flipped.business and now_reasons.business_key = flipped.business_key
        and now_reasons.role = flipped.role
        and now_reasons.subject_key is not distinct from flipped.subject_key
)
select
    compared.*,
    case when restricted_then then 'restricted_then_clear_now' else 'clear_then_restricted_now' end as review,
    case when restricted_then
         then '筛查日按当日所知受限，按现在所知当日并不受限（记录已撤销或异议受理在先）/ restricted as known then, not as known now'
         else '筛查日按当日所知无限制，按现在所知当日已受限（记录送达晚于筛查）/ clear as known then, restricted as known now'
    end as review_zh
from compared
