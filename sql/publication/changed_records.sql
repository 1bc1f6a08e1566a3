-- 变更候选: the records of a source whose publication on $as_of may differ from what the history shows, so the day's
-- frame is built for them only and every other record stays as published. A record's publication changes when
--   a validation changed it (the change log: records_changed, the batches this publication has not applied);
--   it enters or leaves publication (its window opens or ends, a repair, a revocation, an objection that withholds,
--   a record held back or released): what is in force differs from what the history shows;
--   a version dated after the last publication becomes known (delivered ahead of its day);
--   an 更正 verdict names it (its values depend on the day the verdict is known; the corrections are few);
--   or it changed in an earlier run of the same day, which this run replaces (log_undo.sql).
-- The history is read as it was before $as_of: what publishing the same day again starts from.
insert into publication_candidates
with in_force as (
    -- as double_publicity.sql selects the frame's records
    select events.record_key
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    where events.source = $source
      and events.event_kind in ('penalty', 'license')
      and events.published
      and marts.event_state(timeline, $as_of::date).active
      and not ($objection_withholds and marts.event_state(timeline, $as_of::date).suspended)
),
shown as (
    select history.record_key
    from publish.double_publicity_history as history
    where history.source = $source
      and history.published_from < $as_of::date
      and (history.published_to is null or history.published_to = $as_of::date)
),
entering_or_leaving as (
    (select * from in_force
    except
    select * from shown)
    union all
    (select * from shown
    except
    select * from in_force)
),
logged as (
    select changed.record_key from records_changed as changed where changed.source = $source
),
dated_ahead as (
    select versions.record_key
    from {{table}} as versions
    where versions.reporting_date > $last::date and versions.reporting_date <= $as_of::date
),
corrected as (
    select latest.record_key
    from staging.objections_latest as objections
    join {{table}}_latest as latest on latest.decision_doc_no = objections.record_doc_no
    where objections.verdict = '更正'
),
replaced as (
    select history.record_key
    from publish.double_publicity_history as history
    where history.source = $source and (history.published_from = $as_of::date or history.published_to = $as_of::date)
)
select distinct $source as source, record_key
from (
    select * from entering_or_leaving
    union all
    select * from logged
    union all
    select * from dated_ahead
    union all
    select * from corrected
    union all
    select * from replaced
);
