-- 双公示: the licenses and penalties published as of a day, each as delivered by that day, every template column
-- as text in template order, personal identity numbers masked. A record is included while it is in its publicity window (the regime chosen
-- by decision date), has been reported, is not minor, and has not been repaired or revoked: marts.event_state's
-- "active" for a published record. A record under an open objection stays published (REFERENCE §3: the objection
-- suspends measures, not publication) unless policy double_publicity.objection_withholds says otherwise.
-- {{records}} narrows the frame to the records whose publication may have changed (changed_records.sql), or to
-- the parts of the whole set to write again; it is true when everything is built.
create or replace temp table {{frame}} as
with in_force as (
    select events.source, events.record_key
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    where events.event_kind in ('penalty', 'license')
      and events.published
      and marts.event_state(timeline, $as_of::date).active
      and not ($objection_withholds and marts.event_state(timeline, $as_of::date).suspended)
      and {{records}}
),
known as (
    -- each record as delivered by as_of: a version delivered later is not yet known (issue 21)
    select versions.*
    from {{table}} as versions
    semi join in_force on in_force.source = versions.source and in_force.record_key = versions.record_key
    where versions.reporting_date <= $as_of::date
    qualify row_number() over (
        partition by versions.record_key
        order by versions.reporting_date desc, versions.ingested_at desc, versions.source_file desc, versions.source_row desc
    ) = 1
)
select latest.record_key, {{columns}}
from known as latest;
