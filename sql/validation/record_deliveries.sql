-- The day of each record's current version in one source (staging.<source>_latest), for the correction list.
select {{source}} as source, record_key, reporting_date
from {{latest}}
