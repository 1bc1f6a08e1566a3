-- A repair or an objection changes an event's timeline without a change to the event: add the events whose
-- cases differ from those the timelines were built with
insert into records_changed
with known as (
    select * replace (suspensions::varchar as suspensions, suspensions_now::varchar as suspensions_now)
    from marts.timeline_cases()
),
differing as (
    (select * from known
    except
    select * from ops.timeline_cases_built)
    union
    (select * from ops.timeline_cases_built
    except
    select * from known)
)
select distinct 'core.credit_events', event_id
from differing
where event_id not in (select record_key from records_changed);
