-- 双公示: the licenses and penalties published as of a day, every template column as text in template order,
-- personal identity numbers masked. A record is included while it is in its publicity window (the regime chosen
-- by decision date), has been reported, is not minor, and has not been repaired or revoked: marts.event_state's
-- "active" for a published record. A record under an open objection stays published (REFERENCE §3: the objection
-- suspends measures, not publication) unless policy double_publicity.objection_withholds says otherwise.
create or replace temp table {{frame}} as
with in_force as (
    select events.source, events.record_key
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    where events.event_kind in ('penalty', 'license')
      and events.published
      and marts.event_state(timeline, $as_of::date).active
      and not ($objection_withholds and marts.event_state(timeline, $as_of::date).suspended)
)
select latest.record_key, {{columns}}
from {{table}} as latest
join in_force on in_force.source = latest.source and in_force.record_key = latest.record_key
{{order}};
