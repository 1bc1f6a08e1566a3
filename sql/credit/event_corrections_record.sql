-- The corrections the events were just built with
create or replace table ops.event_corrections as
select record_doc_no, corrected::varchar as corrected, known_on from core.corrections();
comment on table ops.event_corrections is '信用事件所用的更正 / the 更正 corrections in force when core.credit_events was last built';
