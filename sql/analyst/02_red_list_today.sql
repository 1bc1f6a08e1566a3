-- 今日红名单: subjects on the red list today.
select h.subject_key, s.subject_name, h.credit_class, h.score, h.upstream_reward
from marts.credit_standing_history as h
join core.subjects as s using (subject_key)
where h.red
  and h.valid_from <= coalesce(getvariable('as_of'), current_date)
  and (h.valid_to is null or coalesce(getvariable('as_of'), current_date) < h.valid_to)
order by s.subject_name;
