-- The frame's rows whose content the history does not show as published: only they can bring an identity number
-- the checks of earlier publications have not seen (the history records only content that passed them).
-- The content hash is the change feed's.
select frame.* exclude (record_key, content_hash)
from (select *, hash(*columns(* exclude (record_key))) as content_hash from {{frame}}) as frame
anti join (select record_key, content_hash from publish.double_publicity_history
           where source = {{source}} and published_to is null) as shown
    using (record_key, content_hash)
