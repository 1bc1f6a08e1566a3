-- One-off, idempotent: a list publication log written before entry ids were salted holds the older ids, md5 of a
-- black-list entry's record event id or of a red-list run's subject key and start, which an attacker reverses by
-- trying every birth date (REFERENCE §3). Each becomes the salted id the lists now publish (core.list_entry_id),
-- found by recomputing the old id from the entries as now known: an entry the public has seen keeps its 公示日期
-- and its exit is still announced. An old id that names no entry now (the run or the record has gone since) keeps
-- its row under a salted id of itself, so that no reversible id is kept. Salted ids are left as they are.
update publish.list_publication_log as log
set entry_id = ids.new_id
from (
    select
        old.list,
        old.entry_id as old_id,
        coalesce(
            any_value(black.entry_id),
            any_value(core.list_entry_id(red.subject_key || ':' || red.valid_from, $salt)),
            core.list_entry_id('unmatched:' || old.list || ':' || old.entry_id, $salt)
        ) as new_id
    from (
        select distinct list, entry_id, subject_key
        from publish.list_publication_log
        where not starts_with(entry_id, 'E')
    ) as old
    left join marts.list_memberships as black
        on old.list = 'black' and black.list = 'black' and md5(black.basis_event) = old.entry_id
    -- a red run starts on a day the subject's standing changed (marts.list_runs)
    left join (select distinct subject_key, valid_from from marts.credit_standing_history) as red
        on old.list = 'red' and red.subject_key = old.subject_key
        and md5(red.subject_key || ':' || red.valid_from) = old.entry_id
    group by old.list, old.entry_id
) as ids
where log.list = ids.list and log.entry_id = ids.old_id;
