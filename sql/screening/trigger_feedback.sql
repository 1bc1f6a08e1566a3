-- model: marts.trigger_feedback · incremental by subject
-- 触发反馈: the table itself is kept subject by subject (the subject of each upstream entry) by
-- creditwh/credit/by_subject.py from screening/trigger_feedback_rows: a day works out again the entries whose
-- subject's screenings or reasons changed, or whose months in force the day's data extended.
comment on table marts.trigger_feedback is '触发反馈 / per upstream list entry and month: each business screened against it and its verdict, or no business';
-- the subjects' input fingerprints the table was last brought up to date from: the feedback files take afresh only
-- the entries of the subjects whose fingerprint moved since they last ran (sql/screening/feedback_entry_months_fresh.sql)
create or replace view ops.trigger_feedback_subjects as
select subject_key, fingerprint, version
from ops.subject_fingerprints
where mart = 'marts.trigger_feedback';
