-- Log this validation's batch: the keys in latest_keys, or, when the current versions were built whole, the
-- whole source
insert into staging.change_batches values ($batch_id, $source, $whole, now());
insert into staging.record_changes
select $batch_id, $source, record_key
from latest_keys
where not $whole;
