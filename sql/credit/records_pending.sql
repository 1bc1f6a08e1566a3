-- The records the pending batches of the sources this table reads changed
create or replace temp table records_changed as
select distinct source, record_key
from ops.record_changes
where batch_id in (select batch_id from batches_pending) and record_key is not null
  and list_contains($sources, source);
