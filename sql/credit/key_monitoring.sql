-- model: marts.key_monitoring · table
-- 重点监管对象: the legal representatives of black-listed organisations, for as long as the listing lasts: one
-- row per unbroken run on the black list (marts.list_runs), however often the class or score moved within it.
create or replace table marts.key_monitoring as
select
    subjects.legal_rep_key as person_key,
    subjects.legal_rep as person_name,
    '法定代表人' as role,
    runs.subject_key as organisation_key,
    subjects.subject_name as organisation_name,
    runs.entered_on as valid_from,
    runs.exit_on as valid_to
from marts.list_runs(date 'infinity') as runs
join core.subjects as subjects using (subject_key)
where runs.list = 'black' and subjects.legal_rep is not null and subjects.subject_type <> '自然人';
comment on table marts.key_monitoring is '重点监管对象 / legal representatives of black-listed organisations, one row per unbroken black-list run';
