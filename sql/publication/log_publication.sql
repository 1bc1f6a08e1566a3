-- Record this publication: close what was withdrawn or changed, open what is new or changed.
update publish.double_publicity_history as history set published_to = $as_of::date
from {{changes}} as changes
where history.source = $source and history.published_to is null
  and history.record_key = changes.record_key and changes.action in ('撤下', '更新');

insert into publish.double_publicity_history
select $source, record_key, decision_doc_no, subject_name, content_hash, $as_of::date, null, part
from {{changes}}
where action in ('新增', '更新');

insert into publish.double_publicity_runs values ($source, $as_of::date);
