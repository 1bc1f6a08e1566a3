-- The business screened again: every business a subject whose inputs changed is a party to, now or in the stored
-- table (a party that left it), and business with a party named by no code (no subject to follow it by)
create or replace temp table business_affected as
select business, business_key
from marts.screening_parties
where subject_key in (select subject_key from subjects_affected) or subject_key is null
union
select business, business_key
from {{table}}
where subject_key in (select subject_key from subjects_affected) or subject_key is null;
