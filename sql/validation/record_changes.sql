-- The change log: which records each validation changed, so a core table derived record by record re-derives
-- only those (creditwh/credit/by_record.py). One batch per validation; a batch marked whole changed every record of
-- its source (the current-version table was built whole).
create table if not exists ops.change_batches (
    batch_id varchar,
    source varchar,
    whole boolean,
    changed_at timestamp with time zone
);
comment on table ops.change_batches is '变更批次 / one row per validation: its source, and whether it changed every record of the source';
create table if not exists ops.record_changes (
    batch_id varchar,
    source varchar,
    record_key varchar
);
comment on table ops.record_changes is '记录变更日志 / the records whose current version a validation could change; kept until every consumer has applied them';
