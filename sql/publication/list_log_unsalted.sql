-- How many rows of the list publication log hold an entry id of the older, unsalted form (md5: hex only; a salted
-- id, core.list_entry_id, starts with 'E'): publication/list_log_salt_ids rewrites them.
select count(*) as unsalted
from publish.list_publication_log
where not starts_with(entry_id, 'E');
