-- model: marts.screenings · rows of an incremental table
-- 联合惩戒筛查: every procurement award (each supplier and consortium member) and every subsidy, policy-support
-- or PPP application, screened as of its screening date against the standing known on that date. One engine
-- for every kind of business; the measures come from the policy catalogue.
-- {{subjects}} restricts the business screened (creditwh/credit/by_subject.py): a business is screened whole.

-- Each party's verdict and standing, worked out on narrow keys: the wide party rows are joined once, at the end.
-- Joined wide, every hash table held a copy of 1.1M party rows at province scale, at the edge of the memory limit.
with narrow as (
    select business, business_key, role, subject_key, screening_date, major_applies from marts.screening_parties
    where {{subjects}}
),
reasons_held as (
    -- per subject and screening date, whether a reason other than a major violation holds, and whether one does
    -- (as known on the screening date; marts.screening_review compares it with what is known now). Flags first:
    -- joined to the parties row by row, the reasons' evidence records made 19M rows at 10M, for 0.6M parties.
    select subject_key, screening_date, unnest(marts.screening_held_flags(reason))
    from marts.screening_check_reasons
    where known_as = 'then'
    group by subject_key, screening_date
),
restricted_parties as (
    select distinct narrow.business, narrow.business_key, narrow.subject_key
    from narrow
    join reasons_held as held using (subject_key, screening_date)
    where held.listed or (held.major and narrow.major_applies)
),
restricted_business as (
    -- 财库〔2016〕125号: one restricted member restricts the whole consortium
    select distinct business, business_key from restricted_parties
),
standing as (
    select narrow.business, narrow.business_key, narrow.role, narrow.subject_key, history.credit_class, history.red
    from narrow
    join marts.credit_standing_history as history
        on history.subject_key = narrow.subject_key and history.valid_from <= narrow.screening_date
        and (history.valid_to is null or narrow.screening_date < history.valid_to)
),
party_verdicts as materialized (
    select
        narrow.business, narrow.business_key, narrow.role, narrow.subject_key,
        restricted_parties.subject_key is not null as restricted,
        restricted_business.business_key is not null as business_restricted,
        standing.credit_class,
        coalesce(standing.red, false) as red
    from narrow
    left join restricted_parties using (business, business_key, subject_key)
    left join restricted_business using (business, business_key)
    left join standing using (business, business_key, role, subject_key)
),
parties as (
    select * from marts.screening_parties
    where {{subjects}}
),
check_reasons as not materialized (
    -- the reasons and records per subject and date (marts.screening_held_lists). Not materialized: the lists are
    -- joined row by row in the final select, never held for every party at once.
    select subject_key, screening_date, unnest(marts.screening_held_lists(reason, evidence_record))
    from marts.screening_check_reasons
    where known_as = 'then'
    group by subject_key, screening_date
),
rewards as (
    select
        list(name_zh order by id) filter (where applies_to = 'red') as red,
        list(name_zh order by id) filter (where applies_to = 'class_A') as class_a,
        -- an overdue 审批替代型/容缺受理型 commitment revokes these (policy commitments.green_channel_measures)
        coalesce(list(name_zh order by id) filter (where id in (select g.id from core.green_channel_measures as g)), [])
            as green_channel
    from core.measures
),
green_revoked as (
    -- the subjects whose green channel an overdue 审批替代型/容缺受理型 commitment revokes on the screening date,
    -- as known then (core.green_channel_revoked, as a join)
    select distinct checks.subject_key, checks.screening_date
    from (select distinct subject_key, screening_date from parties) as checks
    join core.commitments as c
        on c.subject_key = checks.subject_key
        and c.buys_green_channel
        and core.commitment_in_view(c, checks.screening_date, 'then')
        and core.commitment_state(c, checks.screening_date) in ('未履约', '逾期未履约')
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
        -- advisory rewards for the evaluation committee: red list, else class A; without the green channel while
        -- a commitment made for it is overdue on the screening date, as known then
        list_filter(
            case when not verdicts.restricted then
                case when verdicts.red then rewards.red
                     when verdicts.credit_class = 'A' and not verdicts.red then rewards.class_a end
            end,
            r -> not (list_contains(rewards.green_channel, r) and green_revoked.subject_key is not null)
        ) as advisory_rewards
    from parties
    join party_verdicts as verdicts
        on verdicts.business = parties.business and verdicts.business_key = parties.business_key
        and verdicts.role = parties.role and verdicts.subject_key is not distinct from parties.subject_key
    left join core.subjects as subjects on subjects.subject_key = parties.subject_key
    left join green_revoked
        on green_revoked.subject_key = parties.subject_key and green_revoked.screening_date = parties.screening_date
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
         when screened.major_applies then check_reasons.all_reasons
         else check_reasons.listed_reasons
    end as reasons,
    case when not screened.restricted then []
         when screened.major_applies then check_reasons.all_records
         else check_reasons.listed_records
    end as evidence_records,
    screened.credit_class,
    screened.red,
    screened.advisory_rewards,
    $policy_version as policy_version
from screened
left join check_reasons using (subject_key, screening_date)
