-- 守法底线: no class A while a general or serious record, an upstream punishment or a ban is in force
-- (REFERENCE §5). Each class-A interval is checked on its first day against the events then in force.
select history.subject_key, any_value(subjects.subject_name) as subject_name, min(history.valid_from) as first_day
from marts.credit_standing_history as history
join marts.event_timelines as timeline
    on timeline.subject_key = history.subject_key
    and timeline.effect_from <= history.valid_from
    and (timeline.effect_to is null or history.valid_from < timeline.effect_to)
left join core.subjects as subjects on subjects.subject_key = history.subject_key
where
    history.credit_class = 'A'
    and marts.event_counts(timeline, marts.event_state(timeline, history.valid_from)).capping = 1
group by history.subject_key
order by history.subject_key
limit 20;
