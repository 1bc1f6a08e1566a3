-- The feedback sent to the initiating departments, kept so a run sends only what is new or changed since: every
-- file delivered (a month's main file, then its dated supplements), and every row each file carried.
create table if not exists publish.feedback_files (
    feedback_file varchar,
    initiating_department varchar,
    period date,
    kind varchar,
    sent_on date,
    sent_batch bigint,
    staged_as varchar,
    row_count bigint
);
comment on table publish.feedback_files is '触发反馈报送文件 / each feedback file delivered: a month''s main file or a dated 补充反馈 supplement, never rewritten';
create table if not exists publish.feedback_sent (
    sent_batch bigint,
    sent_on date,
    feedback_file varchar,
    change_type varchar,
    row_key ubigint,
    content_hash ubigint,
    initiating_department varchar,
    period date,
    event_id varchar,
    list_type varchar,
    record_doc_no varchar,
    subject_key varchar,
    business varchar,
    reference varchar,
    screening_date date,
    measure_id varchar
);
comment on table publish.feedback_sent is '触发反馈报送记录 / every feedback row sent, with its file and day: a department holds the last version sent of each row';
create table if not exists publish.feedback_entry_months (
    event_id varchar,
    period date,
    row_count bigint,
    content_sum hugeint
);
comment on table publish.feedback_entry_months is '触发反馈已报送指纹 / per list entry and month sent: the fingerprint of the rows the department holds (rows, sum of hashes)';
-- What the next run compares against, kept apart from what was sent: each list entry's month fingerprint as the
-- mart held it at the last run (every month, sent or not), and the mart's input fingerprints then, per subject and
-- month (sql/screening/feedback_entry_months_fresh.sql)
create schema if not exists ops;
create table if not exists ops.feedback_entry_months_now (
    subject_key varchar,
    event_id varchar,
    period date,
    row_count bigint,
    content_sum hugeint
);
comment on table ops.feedback_entry_months_now is '触发反馈当前指纹 / per subject, list entry and month, the fingerprint of the feedback rows at the last run';
create table if not exists ops.feedback_subjects (
    subject_key varchar,
    fingerprint hugeint,
    version varchar,
    period date
);
-- kept per subject before the mart was kept by month: forgotten, so the next run takes every month afresh
alter table ops.feedback_subjects add column if not exists period date;
delete from ops.feedback_subjects where period is null;
comment on table ops.feedback_subjects is '触发反馈上次所据 / the trigger-feedback mart''s input fingerprints per subject and month at the last feedback run';
