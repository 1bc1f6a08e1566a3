-- 异议处理中: the records of a publication frame whose objection is open on $as_of, for the internal run notes
-- (the import file itself carries no mark: the platform's template has no such column).
select events.record_doc_no
from {{frame}} as frame
join core.credit_events as events
    on events.source = $source and events.record_key = frame.record_key and events.superseded_on is null
join marts.event_timelines as timeline using (event_id)
where marts.event_state(timeline, $as_of::date).suspended
order by events.record_doc_no;
