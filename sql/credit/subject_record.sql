-- Record what the subjects (and parts) just built were built from
delete from ops.subject_fingerprints where mart = $mart and {{subjects}};
insert into ops.subject_fingerprints by name
select $mart as mart, subject_key, {{part}} as part, fingerprint, $version as version
from subject_inputs
where {{subjects}};
