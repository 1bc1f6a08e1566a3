-- Whether the stored table can be brought up to date record by record: built before under the same version, and
-- no pending batch rebuilt a whole source
select count(*) > 0 and bool_and(version = $version) and not exists (select 1 from batches_pending where whole)
from core.change_consumers
where consumer = $consumer;
