-- 联合惩戒筛查月度汇总: per month of decision, business and unit: cases screened and restricted, what became of
-- the restricted ones (应限未限 alerts and punishment cases, by verdict), reward cases, parties screened and
-- restricted, and how many procurement awards had a recorded credit check.
with cases as (
    select
        business, business_key, source_unit,
        date_trunc('month', coalesce(decided_on, screening_date))::date as month,
        bool_or(business_restricted) as restricted,
        bool_or(verdict = 'restricted_granted') as restricted_granted,
        bool_or(verdict = 'restricted_refused') as punished,
        bool_or(verdict = 'reward_applied') as rewarded,
        bool_or(credit_check_recorded) as check_recorded,
        count(*) as parties,
        count(*) filter (where restricted) as parties_restricted
    from marts.screenings
    where coalesce(decided_on, screening_date) <= $as_of::date
    group by all
)
select
    month,
    business::varchar as business,
    staging.unit_label(source_unit)::varchar as source_unit,
    count(*)::bigint as cases,
    count(*) filter (where restricted)::bigint as cases_restricted,
    sum(parties)::bigint as parties,
    sum(parties_restricted)::bigint as parties_restricted,
    count(*) filter (where check_recorded)::bigint as checks_recorded,
    count(*) filter (where restricted_granted)::bigint as cases_restricted_granted,
    count(*) filter (where punished)::bigint as cases_punished,
    count(*) filter (where rewarded)::bigint as cases_rewarded
from cases
group by all
order by month, business, source_unit;
