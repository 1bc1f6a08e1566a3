-- Drop the log rows every consumer has applied (a consumer that comes later builds whole the first time)
create or replace temp table batches_done as
select batch_id
from ops.applied_batches
group by batch_id
having count(distinct consumer) = (select count(*) from ops.change_consumers);
delete from ops.record_changes where batch_id in (select batch_id from batches_done);
delete from ops.change_batches where batch_id in (select batch_id from batches_done);
delete from ops.applied_batches where batch_id in (select batch_id from batches_done);
