-- 移出即撤下: no black-list file dated on or after an entry's exit carried it (REFERENCE §5: an entry that has
-- exited leaves the published list the day it exits). A revoked entry must be gone from the day it is revoked.
select memberships.subject_key, any_value(memberships.subject_name) as subject_name, min(runs.as_of) as first_day
from publish.list_publication_log as log
join marts.list_memberships as memberships on log.entry_id = memberships.entry_id
join publish.list_publication_runs as runs
    on runs.list = 'black' and runs.as_of >= log.published_from
    and (log.published_to is null or runs.as_of < log.published_to)
where log.list = 'black' and memberships.list = 'black'
  and runs.as_of >= case when memberships.exit_reason = 'revoked' then memberships.revoked_on else memberships.exit_on end
group by memberships.subject_key
order by memberships.subject_key
limit 20;
