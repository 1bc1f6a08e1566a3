-- 今日黑名单: subjects on the black list today, with the basis, when they entered and when a list file first
-- carried them (null: not yet published).
select l.subject_key, l.subject_name, l.basis_kind, l.record_doc_no, l.entered_on, min(log.published_from) as published_on,
       l.exit_on
from marts.list_memberships as l
join marts.credit_standing_history as h
    on h.subject_key = l.subject_key and h.black
    and h.valid_from <= coalesce(getvariable('as_of'), current_date)
    and (h.valid_to is null or coalesce(getvariable('as_of'), current_date) < h.valid_to)
left join publish.list_publication_log as log on log.list = 'black' and log.entry_id = l.entry_id
where l.list = 'black'
  and l.entered_on <= coalesce(getvariable('as_of'), current_date)
  and (l.exit_on is null or coalesce(getvariable('as_of'), current_date) < l.exit_on)
group by all
order by l.entered_on desc;
