-- model: marts.screening_reasons · view
-- A view, not a table: expanded to every party it is 24.9M wide rows at province scale, and writing them cost
-- 65 s a run. Readers (the feedback, typical cases) take only the columns they need.
create or replace view marts.screening_reasons as
select
    parties.business, parties.business_key, parties.reference, parties.title, parties.screening_date, parties.role,
    parties.subject_key,
    reasons.* exclude (known_as, subject_key, screening_date),
    measures.id as measure_id,
    measures.name_zh as measure_name,
    measures.legal_basis
from marts.screening_parties as parties
join marts.screening_check_reasons as reasons using (subject_key, screening_date)
left join core.measures as measures
    on measures.applies_to = 'black' and measures.domain = parties.business
where reasons.known_as = 'then' and (reasons.reason <> 'major_violation' or parties.major_applies);
comment on view marts.screening_reasons is '筛查限制原因 / one row per reason a party was restricted, with its evidence record and measure';
