-- Record what this publication contains; re-publishing the same day replaces it (idempotent). The hash covers
-- every published value: a changed value is a 更新 on the platform.
delete from publish.double_publicity_log where as_of = $as_of::date and source = $source;
insert into publish.double_publicity_log
select $as_of::date, $source, record_key, decision_doc_no, subject_name, hash(*columns(* exclude (record_key)))
from {{frame}};
