-- model: marts.restricted_awards · view
-- 限制对象中标（成交）: awards made to a restricted supplier or consortium member, with the evidence. One that
-- stands is an 应限未限 alert the bureau must verify and handle (verdict restricted_granted); one cancelled for a
-- credit reason is a joint-punishment case (restricted_refused).
create or replace view marts.restricted_awards as
select
    screenings.reference as project_code,
    screenings.title as project_name,
    screenings.purchaser,
    screenings.decided_on as award_date,
    screenings.amount_yuan,
    screenings.screening_date,
    screenings.verdict,
    screenings.outcome_on as cancelled_on,
    screenings.outcome_reason as cancel_reason,
    screenings.role,
    screenings.subject_key,
    screenings.subject_name,
    reasons.reason,
    reasons.evidence_record,
    reasons.evidence_kind,
    reasons.evidence_decided_on,
    reasons.evidence_file,
    reasons.evidence_row,
    reasons.measure_name,
    reasons.legal_basis
from marts.screenings as screenings
join marts.screening_reasons as reasons using (business, business_key, subject_key)
where screenings.business = 'procurement';
