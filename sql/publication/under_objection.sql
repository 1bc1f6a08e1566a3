-- 异议处理中: the records a source's publication shows (the history, this publication included) whose objection is
-- open on $as_of, for the internal run notes (the import file itself carries no mark: the platform's template has
-- no such column).
select events.record_doc_no
from publish.double_publicity_history as shown
join core.credit_events as events
    on events.source = $source and events.record_key = shown.record_key and events.superseded_on is null
join marts.event_timelines as timeline using (event_id)
where shown.source = $source and shown.published_to is null
  and marts.event_state(timeline, $as_of::date).suspended
order by events.record_doc_no;
