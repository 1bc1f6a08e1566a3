-- The parts of the whole set to write again, from a frame: each record with its part, sorted once by part, then
-- decision date, then record, so each part's file reads a run of the table
create or replace temp table {{frame}}_parts as
select digest.part, frame.*
from {{frame}} as frame
join {{frame}}_digest as digest using (record_key)
where list_contains($parts, digest.part)
order by digest.part, frame.decision_date, frame.record_key;
