-- Each list entry's month fingerprint (its rows and the sum of their hashes), taken afresh only for the subjects'
-- months whose trigger-feedback rows may have changed since the last run, not every row of the mart each day (8.7M
-- in the 10M bench, 4 to 15 s by the machine's load; issue 24). The mart is kept by subject and month
-- (creditwh/credit/by_subject.py), so a subject's month whose input fingerprint (ops.trigger_feedback_subjects) is the
-- one the last run saw (ops.feedback_subjects) has the same rows. All are taken afresh on the first run, on a
-- --rebuild ($whole), and when the mart or these queries ($queries_version) changed version.
create or replace temp table feedback_mart_subjects as
select subject_key, period, fingerprint, version || ':' || $queries_version as version
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

create or replace temp table feedback_subject_months_changed as
select coalesce(mart.subject_key, seen.subject_key) as subject_key, coalesce(mart.period, seen.period) as period
from feedback_mart_subjects as mart
full join ops.feedback_subjects as seen on seen.subject_key = mart.subject_key and seen.period = mart.period
where mart.fingerprint is distinct from seen.fingerprint;

-- the subjects' months this run takes afresh: the changed ones, or every one on a whole run; what is kept of the
-- others stands (read here, by feedback_changed_months.sql and by feedback_record.sql)
create or replace temp table feedback_subject_months_taken as
with everyone as (
    select mart.subject_key, mart.period from feedback_mart_subjects as mart
    union
    select seen.subject_key, seen.period from ops.feedback_subjects as seen
    union
    select kept.subject_key, kept.period from ops.feedback_entry_months_now as kept
)
select everyone.subject_key, everyone.period from everyone where (select feedback_refresh.whole from feedback_refresh)
union all
select changed.subject_key, changed.period from feedback_subject_months_changed as changed
where not (select feedback_refresh.whole from feedback_refresh);

create or replace temp table feedback_entry_months_fresh as
select
    subject_key, event_id, period, count(*) as row_count, sum(hash(reports_on, content)::hugeint) as content_sum
from feedback_hashed
where (subject_key, period) in (select taken.subject_key, taken.period from feedback_subject_months_taken as taken)
group by subject_key, event_id, period;
