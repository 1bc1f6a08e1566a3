-- Subjects whose class was A at the start of this quarter and is C (or worse) now.
with bounds as (
    select date_trunc('quarter', coalesce(getvariable('as_of'), current_date))::date as quarter_start,
           coalesce(getvariable('as_of'), current_date) as today
),
at_start as (
    select h.subject_key, h.credit_class
    from marts.credit_standing_history as h, bounds
    where h.valid_from <= bounds.quarter_start and (h.valid_to is null or bounds.quarter_start < h.valid_to)
),
now as (
    select h.subject_key, h.credit_class, h.score
    from marts.credit_standing_history as h, bounds
    where h.valid_from <= bounds.today and (h.valid_to is null or bounds.today < h.valid_to)
)
select now.subject_key, s.subject_name, at_start.credit_class as class_at_quarter_start, now.credit_class, now.score
from now
join at_start using (subject_key)
join core.subjects as s using (subject_key)
where at_start.credit_class = 'A' and now.credit_class in ('C', 'D')
order by now.score;
