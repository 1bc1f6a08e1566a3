-- 守法底线: no red-list standing without an upstream red-source basis (REFERENCE §5). The offenders, if any.
select history.subject_key, any_value(subjects.subject_name) as subject_name, min(history.valid_from) as first_day
from marts.credit_standing_history as history
left join core.subjects as subjects using (subject_key)
where history.red and not history.upstream_reward
group by history.subject_key
order by history.subject_key
limit 20;
