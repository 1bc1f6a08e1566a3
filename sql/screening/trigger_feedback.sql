-- model: marts.trigger_feedback · incremental by subject
-- 触发反馈: the table itself is kept by subject (the subject of each upstream entry) and month by
-- creditwh/credit/by_subject.py from screening/trigger_feedback_rows: a day works out again the months of the entries
-- whose subject's screenings or reasons that month changed, and the months its data added.
comment on table marts.trigger_feedback is '触发反馈 / per upstream list entry and month: each business screened against it and its verdict, or no business';
-- the subjects' input fingerprints, month by month, the table was last brought up to date from: the feedback files
-- take afresh only the entries' months whose fingerprint moved since they last ran
-- (sql/screening/feedback_entry_months_fresh.sql)
create or replace view ops.trigger_feedback_subjects as
select subject_key, part as period, fingerprint, version
from ops.subject_fingerprints
where mart = 'marts.trigger_feedback';
