-- Record what this publication contains; re-publishing the same day replaces it (idempotent).
delete from publish.double_publicity_log where as_of = $as_of::date and source = $source;
insert into publish.double_publicity_log
select $as_of::date, $source, record_key, decision_doc_no, subject_name, content_hash from publication_frame;
