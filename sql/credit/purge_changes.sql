-- Drop the log rows every consumer has applied (a consumer that comes later builds whole the first time)
create or replace temp table batches_done as
select batch_id
from core.applied_batches
group by batch_id
having count(distinct consumer) = (select count(*) from core.change_consumers);
delete from staging.record_changes where batch_id in (select batch_id from batches_done);
delete from staging.change_batches where batch_id in (select batch_id from batches_done);
delete from core.applied_batches where batch_id in (select batch_id from batches_done);
