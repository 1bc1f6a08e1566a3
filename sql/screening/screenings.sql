-- model: marts.screenings · table
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
        award_date as decided_on, award_amount_yuan as amount_yuan, purchaser,
        -- the results arrive after the award: it stands unless the purchaser cancelled it
        case when cancelled_on is null then 'granted' else 'cancelled' end as outcome,
        cancelled_on as outcome_on, cancel_reason as outcome_reason,
        source_unit, source_file, source_row, supplier_uscc, supplier_name, consortium_usccs
    from staging.procurement_latest
),
parties as (
    select awards.* exclude (supplier_uscc, supplier_name, consortium_usccs), 'supplier' as role,
           supplier_uscc as subject_key, supplier_name as party_name
    from awards
    union all
    -- every member of a consortium is screened: a tainted member taints the consortium
    select awards.* exclude (supplier_uscc, supplier_name, consortium_usccs, member), 'consortium_member', member, null
    from (select *, unnest(consortium_usccs) as member from awards) as awards
    union all
    select
        case kind when '财政补助' then 'subsidy' when '政策扶持' then 'policy_support' when 'PPP' then 'ppp' end,
        record_key, application_no, programme, applied_on, null, null, decided_on, amount_yuan, null,
        case decision when '同意' then 'granted' when '不同意' then 'refused' else 'pending' end,
        decided_on as outcome_on, decision_reason,
        source_unit, source_file, source_row, 'applicant', core.subject_key(uscc, person_id_no, $salt), subject_name
    from staging.applications_latest
)
-- policy screening.major_violation.applies_to: the business a major violation restricts
select *, list_contains($major_applies_to, business) as major_applies
from parties;
comment on table marts.screening_parties is '筛查对象 / each award party and applicant, with its screening date';

-- Why a subject was restricted on a date, worked out once per (subject, screening date) and not once per party:
-- a subject awarded thousands of contracts with hundreds of list entries would otherwise multiply the two
-- (134M candidate rows for 1.1M parties at province scale).
create or replace table marts.screening_check_reasons as
with checks as (
    select distinct subject_key, screening_date from marts.screening_parties
),
listed as (
    -- a list entry or ban in force on the screening date, as known then; a record under objection lifts it
    select
        checks.subject_key, checks.screening_date,
        case timeline.event_kind when 'penalty' then 'black_list' when 'upstream_punishment' then 'upstream_list'
                                 else timeline.event_kind end as reason,
        timeline.event_id as evidence_event
    from checks
    join marts.event_timelines as timeline on timeline.subject_key = checks.subject_key
    where timeline.black_basis
      and marts.event_state(timeline, checks.screening_date).active
      and not marts.event_state(timeline, checks.screening_date).suspended
),
major as (
    -- 政府采购法第二十二条: a major violation in the look-back years, known by the screening date
    -- (which business it restricts is decided per party below)
    select checks.subject_key, checks.screening_date, 'major_violation' as reason, events.event_id as evidence_event
    from checks
    join core.credit_events as events
        on events.subject_key = checks.subject_key
        and events.event_kind = 'penalty'
        and events.first_reported <= checks.screening_date
        and events.decided_on between (checks.screening_date - to_years($major_years))::date and checks.screening_date
    join marts.event_timelines as timeline using (event_id)
    where (list_has_any(list_transform(string_split(events.detail, ';'), x -> trim(x)), $major_categories)
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
join core.credit_events as events on events.event_id = reasons.evidence_event;

-- A view, not a table: expanded to every party it is 24.9M wide rows at province scale, and writing them cost
-- 65 s a run. Readers (the feedback, typical cases) take only the columns they need.
create or replace view marts.screening_reasons as
select
    parties.business, parties.business_key, parties.reference, parties.title, parties.screening_date, parties.role,
    parties.subject_key,
    reasons.* exclude (subject_key, screening_date),
    measures.id as measure_id,
    measures.name_zh as measure_name,
    measures.legal_basis
from marts.screening_parties as parties
join marts.screening_check_reasons as reasons using (subject_key, screening_date)
left join core.measures as measures
    on measures.applies_to = 'black' and measures.domain = parties.business
where reasons.reason <> 'major_violation' or parties.major_applies;
comment on view marts.screening_reasons is '筛查限制原因 / one row per reason a party was restricted, with its evidence record and measure';

-- Each party's verdict and standing, worked out on narrow keys: the wide party rows are joined once, at the end.
-- Joined wide, every hash table held a copy of 1.1M party rows at province scale, at the edge of the memory limit.
create or replace temp table party_verdicts as
with parties as (
    select business, business_key, role, subject_key, screening_date, major_applies from marts.screening_parties
),
restricted_parties as (
    select distinct parties.business, parties.business_key, parties.subject_key
    from parties
    join marts.screening_check_reasons as reasons using (subject_key, screening_date)
    where reasons.reason <> 'major_violation' or parties.major_applies
),
restricted_business as (
    -- 财库〔2016〕125号: one restricted member restricts the whole consortium
    select distinct business, business_key from restricted_parties
),
standing as (
    select parties.business, parties.business_key, parties.role, parties.subject_key, history.credit_class, history.red
    from parties
    join marts.credit_standing_history as history
        on history.subject_key = parties.subject_key and history.valid_from <= parties.screening_date
        and (history.valid_to is null or parties.screening_date < history.valid_to)
)
select
    parties.business, parties.business_key, parties.role, parties.subject_key,
    restricted_parties.subject_key is not null as restricted,
    restricted_business.business_key is not null as business_restricted,
    standing.credit_class,
    coalesce(standing.red, false) as red
from parties
left join restricted_parties using (business, business_key, subject_key)
left join restricted_business using (business, business_key)
left join standing using (business, business_key, role, subject_key);

create or replace table marts.screenings as
with parties as (
    select * from marts.screening_parties
),
check_reasons as not materialized (
    -- per subject and date; major violations apart, as they restrict only some business. Not materialized:
    -- the evidence lists are built row by row in the final select, never held for every party at once.
    select
        subject_key, screening_date,
        coalesce(list(distinct reason) filter (where reason <> 'major_violation'), []) as listed,
        coalesce(list(distinct evidence_record) filter (where reason <> 'major_violation'), []) as listed_records,
        coalesce(list(distinct evidence_record) filter (where reason = 'major_violation'), []) as major_records
    from marts.screening_check_reasons
    group by all
),
rewards as (
    select
        list(name_zh order by id) filter (where applies_to = 'red') as red,
        list(name_zh order by id) filter (where applies_to = 'class_A') as class_a
    from core.measures
),
screened as (
    select
        parties.*,
        -- an applicant known only from its application is named as it applied
        coalesce(subjects.subject_name, parties.party_name) as subject_name,
        verdicts.restricted,
        verdicts.business_restricted,
        verdicts.credit_class,
        verdicts.red,
        -- advisory rewards for the evaluation committee: red list, else class A
        case when not verdicts.restricted then
            case when verdicts.red then rewards.red
                 when verdicts.credit_class = 'A' and not verdicts.red then rewards.class_a end
        end as advisory_rewards
    from parties
    join party_verdicts as verdicts
        on verdicts.business = parties.business and verdicts.business_key = parties.business_key
        and verdicts.role = parties.role and verdicts.subject_key is not distinct from parties.subject_key
    left join core.subjects as subjects on subjects.subject_key = parties.subject_key
    cross join rewards
)
-- the evidence lists last, row by row, after every other join
select
    screened.* exclude (major_applies, credit_class, red, advisory_rewards, party_name),
    -- REFERENCE §5: screening business already decided finds 应限未限 (granted although restricted), never a
    -- punishment applied; only business refused or cancelled for a credit reason is a punishment case
    case
        when screened.restricted then
            case screened.outcome
                when 'granted' then 'restricted_granted'
                when 'pending' then 'restricted_pending'
                else case when regexp_matches(coalesce(screened.outcome_reason, ''), $credit_reason_pattern)
                          then 'restricted_refused' else 'restricted_not_granted' end
            end
        when screened.outcome = 'granted' and not screened.business_restricted
             and len(screened.advisory_rewards) > 0 then 'reward_applied'
        else 'clear'
    end as verdict,
    case when not screened.restricted then []
         else list_sort(check_reasons.listed
                        || case when screened.major_applies and len(check_reasons.major_records) > 0
                                then ['major_violation'] else [] end)
    end as reasons,
    case when not screened.restricted then []
         else list_sort(list_distinct(check_reasons.listed_records
                                      || case when screened.major_applies then check_reasons.major_records
                                              else [] end))
    end as evidence_records,
    screened.credit_class,
    screened.red,
    screened.advisory_rewards,
    $policy_version as policy_version
from screened
left join check_reasons using (subject_key, screening_date);
comment on table marts.screenings is '联合奖惩筛查 / each award party and application, screened on its screening date: its verdict (policy/verdicts.csv), why, and advisory rewards';
