-- The change batches this table has not applied yet
create or replace temp table batches_pending as
select batch_id, source, whole
from ops.change_batches
where batch_id not in (select batch_id from ops.applied_batches where consumer = $consumer);
