-- The demo's sample batch check: a black-listed and a clean organisation on $as_of, as known then (persons are left
-- out: the demo never writes an ID number into a file).
with on_day as (
    select subject_key, black, red, credit_class
    from marts.credit_standing_history
    where
        valid_from <= $as_of::date
        and (valid_to is null or $as_of::date < valid_to)
        and subject_key not like 'P%'
)
select
    (select min(subject_key) from on_day where black) as black_code,
    (select min(subject_key) from on_day where not black and not red and credit_class = 'A') as clean_code;
