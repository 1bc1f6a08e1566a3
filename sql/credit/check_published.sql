-- The days the published lists began to carry a subject, by $as_of (publish.list_publication_log): the credit
-- check shows, for each list entry, the first of them on or after its entry date, the same 公示日期 as the file's.
select distinct list, published_from
from publish.list_publication_log
where subject_key = $subject_key and published_from <= $as_of::date
order by list, published_from;
