-- Each list entry's month fingerprint (its rows and the sum of their hashes), taken afresh only for the subjects
-- whose trigger-feedback rows may have changed since the last run, not every row of the mart each day (8.7M in
-- the 10M bench, 4 to 15 s by the machine's load; issue 24). The mart is kept subject by subject (creditwh/credit/by_subject.py), so a
-- subject whose input fingerprint (ops.trigger_feedback_subjects) is the one the last run saw (ops.feedback_subjects)
-- has the same rows. All are taken afresh on the first run, on a --rebuild ($whole), and when the mart or these
-- queries ($queries_version) changed version.
create or replace temp table feedback_mart_subjects as
select subject_key, fingerprint, version || ':' || $queries_version as version
from ops.trigger_feedback_subjects;

create or replace temp table feedback_refresh as
with versions as (
    select
        (select list_sort(list(distinct seen.version)) from ops.feedback_subjects as seen) as seen,
        (select list_sort(list(distinct mart.version)) from feedback_mart_subjects as mart) as mart
)
-- no run before (no versions seen), or another version
select $whole::boolean or coalesce(seen <> mart, true) as whole
from versions;

create or replace temp table feedback_subjects_changed as
select coalesce(mart.subject_key, seen.subject_key) as subject_key
from feedback_mart_subjects as mart
full join ops.feedback_subjects as seen on seen.subject_key = mart.subject_key
where mart.fingerprint is distinct from seen.fingerprint;

-- the subjects this run takes afresh: the changed ones, or every subject on a whole run; what is kept of the others
-- stands (read here, by feedback_changed_months.sql and by feedback_record.sql)
create or replace temp table feedback_subjects_taken as
with everyone as (
    select mart.subject_key from feedback_mart_subjects as mart
    union
    select seen.subject_key from ops.feedback_subjects as seen
    union
    select kept.subject_key from ops.feedback_entry_months_now as kept
)
select everyone.subject_key from everyone where (select feedback_refresh.whole from feedback_refresh)
union all
select changed.subject_key from feedback_subjects_changed as changed
where not (select feedback_refresh.whole from feedback_refresh);

create or replace temp table feedback_entry_months_fresh as
select
    subject_key, event_id, period, count(*) as row_count, sum(hash(reports_on, content)::hugeint) as content_sum
from feedback_hashed
where subject_key in (select taken.subject_key from feedback_subjects_taken as taken)
group by subject_key, event_id, period;
