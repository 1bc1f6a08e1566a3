-- The day's changes with the published values (none for a withdrawn record, which is no longer in the frame)
select {{columns}}
from {{changes}} as changes
left join {{frame}} as frame on frame.record_key = changes.record_key
order by changes.action, changes.record_key
