-- 联合惩戒筛查: every procurement award (each supplier and consortium member) and every subsidy, policy-support
-- or PPP application, screened as of its screening date against the standing known on that date. One engine
-- for every kind of business; the measures come from the policy catalogue.

-- Who is screened, when: one row per award party or applicant.
create or replace table marts.screening_parties as
with awards as (
    select
        'procurement' as business, record_key as business_key, project_code as reference, project_name as title,
        -- 财库〔2016〕125号: the credit-check date if recorded, else the bid deadline, else the award date
        coalesce(credit_checked_on, bid_deadline, award_date) as screening_date,
        credit_checked_on is not null as credit_check_recorded,
        -- the query belongs between the announcement and the bid deadline (the announcement date is not delivered)
        credit_checked_on is not null and (bid_deadline is null or credit_checked_on <= bid_deadline) as check_before_deadline,
        award_date as decided_on, award_amount_yuan as amount_yuan, purchaser, source_unit, source_file, source_row,
        supplier_uscc, consortium_usccs
    from staging.procurement_latest
)
select awards.* exclude (supplier_uscc, consortium_usccs), 'supplier' as role, supplier_uscc as subject_key from awards
union all
-- every member of a consortium is screened: a tainted member taints the consortium
select awards.* exclude (supplier_uscc, consortium_usccs, member), 'consortium_member', member
from (select *, unnest(consortium_usccs) as member from awards) as awards
union all
select
    case kind when '财政补助' then 'subsidy' when '政策扶持' then 'policy_support' when 'PPP' then 'ppp' end,
    record_key, application_no, programme, applied_on, null, null, decided_on, amount_yuan, null,
    source_unit, source_file, source_row, 'applicant', core.subject_key(uscc, person_id_no, $salt)
from staging.applications_latest;
comment on table marts.screening_parties is '筛查对象 / each award party and applicant, with its screening date';

create or replace table marts.screening_reasons as
with parties as (
    select business, business_key, reference, title, screening_date, role, subject_key from marts.screening_parties
),
listed as (
    -- a list entry or ban in force on the screening date, as known then; a record under objection lifts it
    select
        parties.*,
        case timeline.event_kind when 'penalty' then 'black_list' when 'upstream_punishment' then 'upstream_list'
                                 else timeline.event_kind end as reason,
        timeline.event_id as evidence_event
    from parties
    join marts.event_timelines as timeline on timeline.subject_key = parties.subject_key
    where timeline.black_basis
      and marts.event_state(timeline, parties.screening_date).active
      and not marts.event_state(timeline, parties.screening_date).suspended
),
major as (
    -- 政府采购法第二十二条: a major violation in the look-back years, known by the screening date
    select parties.*, 'major_violation' as reason, events.event_id as evidence_event
    from parties
    join core.credit_events as events
        on events.subject_key = parties.subject_key
        and events.event_kind = 'penalty'
        and events.first_reported <= parties.screening_date
        and events.decided_on between (parties.screening_date - to_years($major_years))::date and parties.screening_date
    join marts.event_timelines as timeline using (event_id)
    where list_contains($major_applies_to, parties.business)
      and (list_has_any(list_transform(string_split(events.detail, ';'), x -> trim(x)), $major_categories)
           or events.fine_10k_yuan >= $major_fine)
      and (timeline.revoked_known is null or timeline.revoked_known > parties.screening_date)
      and not marts.event_state(timeline, parties.screening_date).suspended
)
select
    reasons.*,
    events.record_doc_no as evidence_record,
    events.event_kind as evidence_kind,
    events.decided_on as evidence_decided_on,
    events.source_file as evidence_file,
    events.source_row as evidence_row,
    measures.id as measure_id,
    measures.name_zh as measure_name,
    measures.legal_basis
from (select * from listed union all select * from major) as reasons
join core.credit_events as events on events.event_id = reasons.evidence_event
left join core.measures as measures
    on measures.applies_to = 'black' and measures.domain = reasons.business;
comment on table marts.screening_reasons is '筛查限制原因 / one row per reason a party was restricted, with its evidence record and measure';

create or replace table marts.screenings as
with parties as (
    select * from marts.screening_parties
),
party_reasons as (
    select business, business_key, subject_key, list(distinct reason order by reason) as reasons,
           list(distinct evidence_record order by evidence_record) as evidence_records
    from marts.screening_reasons
    group by all
),
standing as (
    select parties.business, parties.business_key, parties.subject_key, history.credit_class, history.red
    from parties
    join marts.credit_standing_history as history
        on history.subject_key = parties.subject_key and history.valid_from <= parties.screening_date
        and (history.valid_to is null or parties.screening_date < history.valid_to)
)
select
    parties.*,
    subjects.subject_name,
    party_reasons.reasons is not null as restricted,
    -- 财库〔2016〕125号: one restricted member restricts the whole consortium
    bool_or(party_reasons.reasons is not null) over (partition by parties.business, parties.business_key) as business_restricted,
    coalesce(party_reasons.reasons, []) as reasons,
    coalesce(party_reasons.evidence_records, []) as evidence_records,
    standing.credit_class,
    coalesce(standing.red, false) as red,
    -- advisory rewards for the evaluation committee: red list or class A
    (select list(m.name_zh order by m.id) from core.measures as m
     where party_reasons.reasons is null
       and ((m.applies_to = 'red' and standing.red) or (m.applies_to = 'class_A' and standing.credit_class = 'A'
            and not standing.red))) as advisory_rewards,
    $policy_version as policy_version
from parties
left join party_reasons using (business, business_key, subject_key)
left join standing using (business, business_key, subject_key)
left join core.subjects as subjects using (subject_key);
comment on table marts.screenings is '联合奖惩筛查 / each award party and application, screened on its screening date: restricted or clear, why, and advisory rewards';
