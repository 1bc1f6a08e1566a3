-- Which of the given ID-shaped numbers are the ID of a person the warehouse knows. Compared by salted key,
-- as core stores it: the raw numbers are never joined against anything else.
select id_no
from unnest($numbers::varchar[]) as given(id_no)
where core.person_key(id_no, $salt) in (select subject_key from core.subjects);
