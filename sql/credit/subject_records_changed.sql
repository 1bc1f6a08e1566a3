-- The subjects the changed records name: in staging now, or at the last build (ops.subject_records). A day sent
-- again may move a record to another subject (a new USCC): both are derived again, and an old one left with no
-- record loses its row.
create or replace temp table subjects_affected as
select subject_key from ops.subject_records
where {{records}}
union
select subject_key from ({{record_keys}})
where subject_key is not null;

-- A subject's row aggregates every delivery of every record naming it: read every record of those subjects (the
-- changed ones name them already)
insert into records_changed
select distinct source, record_key
from ops.subject_records
where subject_key in (select subject_key from subjects_affected)
  and (source, record_key) not in (select source, record_key from records_changed);
