-- The subjects (and parts of their rows, {{part}}: the inputs' part column, or null) whose inputs changed since the
-- last build: new, changed, or gone
create or replace temp table subjects_affected as
select coalesce(today.subject_key, built.subject_key) as subject_key, coalesce(today.part, built.part) as part
from (select subject_key, {{part}} as part, fingerprint from subject_inputs) as today
full join (select subject_key, part, fingerprint from ops.subject_fingerprints where mart = $mart) as built
    on built.subject_key = today.subject_key and built.part is not distinct from today.part
where today.fingerprint is distinct from built.fingerprint;
