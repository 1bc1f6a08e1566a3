-- What this run sent, committed before its files are renamed into place (creditwh/screening/feedback.py)
insert into publish.feedback_files
select file, initiating_department, period, kind, $as_of::date, $batch, staged_as, row_count
from feedback_run_files;
insert into publish.feedback_sent
select
    $batch, $as_of::date, files.file, delta.change, delta.row_key, delta.content, delta.initiating_department,
    delta.period, delta.event_id, delta.list_type, delta.record_doc_no, delta.subject_key, delta.business,
    delta.reference, delta.screening_date, delta.measure_id
from feedback_delta as delta
join feedback_run_files as files
    on files.initiating_department is not distinct from delta.initiating_department and files.period = delta.period;
delete from publish.feedback_entry_months as held
where exists (
    select 1 from feedback_changed_months as changed where changed.event_id = held.event_id and changed.period = held.period
);
insert into publish.feedback_entry_months
select event_id, period, row_count, content_sum from feedback_changed_months where row_count is not null;
-- the fingerprints the next run starts from: each entry's month now, and the mart's subjects' months they were taken from
delete from ops.feedback_entry_months_now as kept
where (kept.subject_key, kept.period) in (select taken.subject_key, taken.period from feedback_subject_months_taken as taken);
insert into ops.feedback_entry_months_now
select subject_key, event_id, period, row_count, content_sum from feedback_entry_months_fresh;
delete from ops.feedback_subjects as seen
where (seen.subject_key, seen.period) in (select taken.subject_key, taken.period from feedback_subject_months_taken as taken);
insert into ops.feedback_subjects by name
select mart.subject_key, mart.period, mart.fingerprint, mart.version
from feedback_mart_subjects as mart
where (mart.subject_key, mart.period) in (select taken.subject_key, taken.period from feedback_subject_months_taken as taken);
