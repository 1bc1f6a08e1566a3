-- Whether the stored table can be brought up to date record by record: built before under the same version, and
-- no pending batch of a source it reads rebuilt that source whole
select count(*) > 0 and bool_and(version = $version)
       and not exists (select 1 from batches_pending where whole and list_contains($sources, source))
from ops.change_consumers
where consumer = $consumer;
