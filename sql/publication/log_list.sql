-- Record this day's list file in the publication log: close the entries it no longer carries, open the new ones.
update publish.list_publication_log as log set published_to = $as_of::date
where log.list = $list and log.published_to is null
  and log.entry_id not in (select entry_id from {{table}});

insert into publish.list_publication_log
select $list, entry_id, subject_key, $as_of::date, null
from {{table}}
where entry_id not in (
    select entry_id from publish.list_publication_log where list = $list and published_to is null
);

insert into publish.list_publication_runs
select $list, $as_of::date
where not exists (select 1 from publish.list_publication_runs where list = $list and as_of = $as_of::date);
