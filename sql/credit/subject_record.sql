-- Record what the subjects just built were built from
delete from marts.subject_fingerprints where mart = $mart and {{subjects}};
insert into marts.subject_fingerprints
select $mart, subject_key, fingerprint, $version
from subject_inputs
where {{subjects}};
