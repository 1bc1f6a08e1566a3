-- Whether the stored build can be brought up to date subject by subject: built before, under the same version
select count(*) > 0 and bool_and(version = $version)
from ops.subject_fingerprints
where mart = $mart;
