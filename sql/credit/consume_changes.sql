-- Record that the table applied the pending batches under this version
delete from ops.change_consumers where consumer = $consumer;
insert into ops.change_consumers values ($consumer, $version);
insert into ops.applied_batches select $consumer, batch_id from batches_pending;
