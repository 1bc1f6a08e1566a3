-- Log a batch: the keys in {{keys}} ({{key}}: a validation's latest_keys, or the events a build derived again),
-- or, when the table was built whole, the whole source
insert into ops.change_batches values ($batch_id, $source, $whole, now());
insert into ops.record_changes
select distinct $batch_id, $source, {{key}}
from {{keys}}
where not $whole;
