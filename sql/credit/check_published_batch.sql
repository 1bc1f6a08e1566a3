-- check_published.sql for a batch of subjects: the days the published lists began to carry each, by $as_of.
select distinct subject_key, list, published_from
from publish.list_publication_log
where list_contains($subject_keys::varchar[], subject_key) and published_from <= $as_of::date
order by subject_key, list, published_from;
