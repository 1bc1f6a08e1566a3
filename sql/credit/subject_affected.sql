-- The subjects whose inputs changed since the last build: new, changed, or gone
create or replace temp table subjects_affected as
select coalesce(today.subject_key, built.subject_key) as subject_key
from subject_inputs as today
full join (select subject_key, fingerprint from ops.subject_fingerprints where mart = $mart) as built
    on built.subject_key = today.subject_key
where today.fingerprint is distinct from built.fingerprint;
