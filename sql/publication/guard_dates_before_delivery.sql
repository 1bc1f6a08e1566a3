-- 不得早于首次报送: no list entry dated, and no list file carrying it, before the bureau first received its record
-- (REFERENCE §5: the entry date is the day the bureau could know; the publication date is read from the log).
with offenders as (
    select subject_key, subject_name, entered_on as day
    from marts.list_memberships
    where entered_on < first_reported
    union all
    select memberships.subject_key, memberships.subject_name, log.published_from
    from publish.list_publication_log as log
    join marts.list_memberships as memberships on log.entry_id = memberships.entry_id
    where log.list = 'black' and log.published_from < memberships.first_reported
)
select subject_key, any_value(subject_name) as subject_name, min(day) as first_day
from offenders
group by subject_key
order by subject_key
limit 20;
