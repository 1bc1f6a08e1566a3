-- The frame's rows whose content the history does not show as published: only they can bring an identity number
-- the checks of earlier publications have not seen (the history records only content that passed them).
select frame.*
from {{frame}} as frame
semi join (
    select record_key from {{frame}}_digest as digest
    anti join (select record_key, content_hash from publish.double_publicity_history
               where source = {{source}} and published_to is null) as shown
        using (record_key, content_hash)
) as unpublished using (record_key)
