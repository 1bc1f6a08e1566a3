-- model: core.credit_events · incremental by record
-- 信用事件: the table itself is kept record by record by creditwh/credit/by_record.py from core/credit_event_rows;
-- this step documents it.
comment on table core.credit_events is '信用事件 / every record that counts for a subject''s standing, with its severity and effect window [active_from, active_to)';
