-- model: core.subjects · rows of an incremental table
-- 主体: every organisation, individual business and person the bureau's records name, with name history
-- and the people behind it. One row per subject, from every delivery of every record: what it was called on a
-- past day, as known that day, is in `names` (issue 21).
-- {{records}} restricts the deliveries read (every one, or the records in records_changed) and {{keyed}} the subjects
-- derived from them (every one, or those in subjects_affected): a day reads every record of the subjects its
-- changed records name (creditwh/credit/by_record.py). The cheap filter on the record comes first, so only the
-- rows read have a person's ID number hashed into a subject key.
with named as (
    select core.subject_key(uscc, person_id_no, $salt) as subject_key, subject_type, uscc, subject_name,
           core.mask_id(person_id_no) as id_no_masked,
           legal_rep, core.person_key(legal_rep_id_no, $salt) as legal_rep_key,
           core.mask_id(legal_rep_id_no) as legal_rep_id_masked, reporting_date
    from staging.penalties
    where {{records}}
    union all by name
    select core.subject_key(uscc, person_id_no, $salt) as subject_key, subject_type, uscc, subject_name,
           core.mask_id(person_id_no) as id_no_masked,
           legal_rep, core.person_key(legal_rep_id_no, $salt) as legal_rep_key,
           core.mask_id(legal_rep_id_no) as legal_rep_id_masked, reporting_date
    from staging.licenses
    where {{records}}
    union all by name
    select core.subject_key(uscc, person_id_no, $salt) as subject_key, subject_type, uscc, subject_name,
           core.mask_id(person_id_no) as id_no_masked, reporting_date
    from staging.upstream_lists
    where {{records}}
    union all by name
    select core.subject_key(uscc, person_id_no, $salt) as subject_key, subject_type, uscc, subject_name,
           core.mask_id(person_id_no) as id_no_masked, reporting_date
    from staging.commitments
    where {{records}}
    union all by name
    select supplier_uscc as subject_key, '法人及非法人组织' as subject_type, supplier_uscc as uscc,
           supplier_name as subject_name, reporting_date
    from staging.procurement
    where {{records}}
    union all by name
    select member as subject_key, '法人及非法人组织' as subject_type, member as uscc, reporting_date
    from (select unnest(consortium_usccs) as member, reporting_date from staging.procurement where {{records}})
),
keyed as (
    select * from named where subject_key is not null and {{keyed}}
),
dated_names as (
    -- each name and type from the first day a delivery used it
    select subject_key, list({ 'from': first_day, 'name': subject_name, 'type': subject_type }
                             order by first_day, subject_name, subject_type) as names
    from (select subject_key, subject_name, subject_type, min(reporting_date) as first_day
          from keyed where subject_name is not null group by all)
    group by subject_key
)
select
    subject_key,
    -- the latest delivery wins; two records of one day that disagree are settled by value, so that a re-run gives
    -- the same row (reporting_date alone left the choice to the hash table's order)
    max_by(subject_type, (reporting_date, subject_type)) filter (where subject_type is not null) as subject_type,
    max(uscc) as uscc,
    -- only the masked form of a person's number is kept: it is what a list publication shows
    max(id_no_masked) filter (where uscc is null) as id_no_masked,
    max_by(subject_name, (reporting_date, subject_name)) filter (where subject_name is not null) as subject_name,
    list(distinct subject_name order by subject_name) filter (where subject_name is not null) as name_history,
    max_by(legal_rep, (reporting_date, legal_rep, legal_rep_key)) filter (where legal_rep is not null) as legal_rep,
    max_by(legal_rep_key, (reporting_date, legal_rep, legal_rep_key)) filter (where legal_rep_key is not null) as legal_rep_key,
    -- only its masked form: the 重点监管对象名单 shows it (publication/key_monitoring)
    max_by(legal_rep_id_masked, (reporting_date, legal_rep, legal_rep_key)) filter (where legal_rep_key is not null)
        as legal_rep_id_masked,
    min(reporting_date) as first_reported,
    max(reporting_date) as last_reported,
    any_value(dated_names.names) as names
from keyed
left join dated_names using (subject_key)
group by subject_key
