-- Record that the table applied the pending batches under this version
delete from core.change_consumers where consumer = $consumer;
insert into core.change_consumers values ($consumer, $version);
insert into core.applied_batches select $consumer, batch_id from batches_pending;
