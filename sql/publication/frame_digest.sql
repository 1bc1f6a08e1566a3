-- Each published record's content as one hash, computed once after the corrections: the change feed compares it
-- with the history, and the privacy scan reads only the rows whose hash the history does not show. The part is the
-- file of the whole set the record is written in: its source's records decided in one month (full_set_parts.sql).
create or replace temp table {{frame}}_digest as
select
    record_key,
    decision_doc_no,
    subject_name,
    hash(*columns(* exclude (record_key))) as content_hash,
    coalesce(substr(decision_date, 1, 7), 'undated') as part
from {{frame}};
