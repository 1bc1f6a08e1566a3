-- A whole build names the part of every record it published, including those a history kept from before the
-- whole set was written in parts
update publish.double_publicity_history as history set part = digest.part
from {{frame}}_digest as digest
where history.source = $source and history.published_to is null
  and history.record_key = digest.record_key and history.part is distinct from digest.part;
