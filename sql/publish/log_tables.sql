create table if not exists publish.double_publicity_log (
    as_of date,
    source varchar,
    record_key varchar,
    decision_doc_no varchar,
    subject_name varchar,
    content_hash ubigint
);
comment on table publish.double_publicity_log is '双公示发布记录 / which records each publication contained (with a hash of their published content), for the change feed';
