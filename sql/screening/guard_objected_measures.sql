-- 异议期间不执行惩戒: no party restricted when every record that restricts it was under objection on the screening
-- date (REFERENCE §5: a record under objection triggers no measure).
with standing_reasons as (
    select reasons.subject_key, reasons.screening_date
    from marts.screening_check_reasons as reasons
    join marts.event_timelines as timeline on timeline.event_id = reasons.evidence_event
    where reasons.known_as = 'then' and not marts.event_state(timeline, reasons.screening_date).suspended
)
select screenings.subject_key, any_value(screenings.subject_name) as subject_name,
       min(screenings.screening_date) as first_day
from marts.screenings as screenings
where screenings.restricted
  and not exists (
      select 1 from standing_reasons
      where standing_reasons.subject_key = screenings.subject_key
        and standing_reasons.screening_date = screenings.screening_date
  )
group by screenings.subject_key
order by screenings.subject_key
limit 20;
