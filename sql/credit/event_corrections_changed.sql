-- An 更正 verdict changes a penalty without a new delivery of it: add the penalties whose correction differs
-- from the one the events were built with
insert into records_changed
with in_force as (
    select record_doc_no, corrected::varchar as corrected, known_on from core.corrections()
),
differing as (
    (select * from in_force
    except
    select * from ops.event_corrections)
    union
    (select * from ops.event_corrections
    except
    select * from in_force)
)
select distinct penalties.source, penalties.record_key
from staging.penalties_latest as penalties
where penalties.decision_doc_no in (select record_doc_no from differing)
  and (penalties.source, penalties.record_key) not in (select source, record_key from records_changed);
