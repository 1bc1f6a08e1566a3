-- The subjects each record names, over {{records}}: every delivery's subject key, as credit/subject_rows derives it
-- (a procurement names its supplier and each consortium member). What core.subjects keeps from change finds a
-- changed record's subjects by.
select source, record_key, core.subject_key(uscc, person_id_no, $salt) as subject_key
from staging.penalties
where {{records}}
union all
select source, record_key, core.subject_key(uscc, person_id_no, $salt) as subject_key
from staging.licenses
where {{records}}
union all
select source, record_key, core.subject_key(uscc, person_id_no, $salt) as subject_key
from staging.upstream_lists
where {{records}}
union all
select source, record_key, core.subject_key(uscc, person_id_no, $salt) as subject_key
from staging.commitments
where {{records}}
union all
select source, record_key, supplier_uscc as subject_key
from staging.procurement
where {{records}}
union all
select source, record_key, unnest(consortium_usccs) as subject_key
from staging.procurement
where {{records}}
