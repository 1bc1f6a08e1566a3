-- model: marts.screening_parties · table
-- 筛查对象: who is screened, and when: one row per award party (each supplier and consortium member) or applicant.

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
