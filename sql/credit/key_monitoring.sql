-- model: marts.key_monitoring · table
-- 重点监管对象: the legal representatives of black-listed organisations, for as long as the listing lasts.
create or replace table marts.key_monitoring as
select
    subjects.legal_rep_key as person_key,
    subjects.legal_rep as person_name,
    '法定代表人' as role,
    history.subject_key as organisation_key,
    subjects.subject_name as organisation_name,
    history.valid_from,
    history.valid_to
from marts.credit_standing_history as history
join core.subjects as subjects using (subject_key)
where history.black and subjects.legal_rep is not null and subjects.subject_type <> '自然人';
comment on table marts.key_monitoring is '重点监管对象 / legal representatives of black-listed organisations, by period';
