-- The records of the parts a full-set day writes again, as the history shows them: the frame is built for them
create or replace temp table publication_part_records as
select history.source, history.record_key
from publish.double_publicity_history as history
where history.source = $source and history.published_to is null and list_contains($parts, history.part);
