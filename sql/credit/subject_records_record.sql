-- Which subjects each record named when core.subjects was built (for {{records}}, the records it just read): how
-- the next day finds the subjects a record named before it was sent again, when that delivery is gone from staging
create table if not exists ops.subject_records (
    source varchar,
    record_key varchar,
    subject_key varchar
);
comment on table ops.subject_records is '记录所涉主体 / the subjects each record named when core.subjects was last built';
delete from ops.subject_records
where {{records}};
insert into ops.subject_records
select distinct source, record_key, subject_key
from ({{record_keys}})
where subject_key is not null;
