-- Record what the subjects just built were built from
delete from ops.subject_fingerprints where mart = $mart and {{subjects}};
insert into ops.subject_fingerprints
select $mart, subject_key, fingerprint, $version
from subject_inputs
where {{subjects}};
