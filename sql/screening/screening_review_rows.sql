-- model: marts.screening_review · rows of an incremental table
-- 筛查复核: business whose screening, as known on its screening date, differs from what is now known to have been
-- true that day (issue 21). Restricted then but clear now: a record since revoked, or an objection accepted before the
-- screening but delivered after it. Clear then but restricted now: a record decided before the screening but
-- delivered after it. The verdict given stands (it was fair as known then); these are for retrospective review.
-- {{subjects}} restricts the business reviewed (creditwh/credit/by_subject.py).
with reasons as (
    -- each party's reasons in each view, as marts.screenings reads them in the "then" view
    select
        parties.business, parties.business_key, parties.role, parties.subject_key, reasons.known_as,
        list(distinct reasons.reason order by reasons.reason) as reasons,
        list(distinct reasons.evidence_record order by reasons.evidence_record) as records
    from marts.screening_parties as parties
    join marts.screening_check_reasons as reasons using (subject_key, screening_date)
    where (reasons.reason <> 'major_violation' or parties.major_applies) and {{subjects}}
    group by all
),
compared as (
    select
        screenings.business, screenings.business_key, screenings.reference, screenings.title, screenings.role,
        screenings.subject_key, screenings.subject_name, screenings.screening_date, screenings.outcome,
        screenings.verdict,
        screenings.restricted as restricted_then,
        now_reasons.known_as is not null as restricted_now,
        coalesce(then_reasons.records, []) as records_then,
        coalesce(now_reasons.reasons, []) as reasons_now,
        coalesce(now_reasons.records, []) as records_now,
        screenings.source_unit, screenings.source_file, screenings.source_row
    from (select * from marts.screenings where {{subjects}}) as screenings
    left join reasons as then_reasons
        on then_reasons.known_as = 'then'
        and then_reasons.business = screenings.business and then_reasons.business_key = screenings.business_key
        and then_reasons.role = screenings.role
        and then_reasons.subject_key is not distinct from screenings.subject_key
    left join reasons as now_reasons
        on now_reasons.known_as = 'now'
        and now_reasons.business = screenings.business and now_reasons.business_key = screenings.business_key
        and now_reasons.role = screenings.role
        and now_reasons.subject_key is not distinct from screenings.subject_key
)
select
    compared.*,
    case when restricted_then then 'restricted_then_clear_now' else 'clear_then_restricted_now' end as review,
    case when restricted_then
         then '筛查日按当日所知受限，按现在所知当日并不受限（记录已撤销或异议受理在先）/ restricted as known then, not as known now'
         else '筛查日按当日所知无限制，按现在所知当日已受限（记录送达晚于筛查）/ clear as known then, restricted as known now'
    end as review_zh
from compared
where restricted_then <> restricted_now
