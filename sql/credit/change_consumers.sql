-- What each table kept record by record was last built under (its SQL and policy), and which change batches it
-- has applied
create table if not exists ops.change_consumers (
    consumer varchar,
    version varchar
);
comment on table ops.change_consumers is '按记录增量构建的表 / each table kept record by record, and the version it was last built under';
create table if not exists ops.applied_batches (
    consumer varchar,
    batch_id varchar
);
comment on table ops.applied_batches is '已应用的变更批次 / the change batches each such table has applied';
