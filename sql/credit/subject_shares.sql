-- Each record's share of each subject it names, over {{records}}: the record's deliveries naming the subject, folded
-- into what a subject's row is the aggregate of (credit/subject_state_rows). Each field is folded so that the
-- aggregate over a subject's records equals the aggregate over their deliveries: the latest value as a
-- (reporting day, value) pair settled by value on ties; each name and type with the days deliveries used it.
-- The record filter comes before the projection, so only the rows it keeps have a person's ID number hashed into a
-- subject key.
with delivered as (
    select source, record_key, uscc, person_id_no, subject_type, subject_name, legal_rep, legal_rep_id_no, reporting_date
    from staging.penalties
    union all by name
    select source, record_key, uscc, person_id_no, subject_type, subject_name, legal_rep, legal_rep_id_no, reporting_date
    from staging.licenses
    union all by name
    select source, record_key, uscc, person_id_no, subject_type, subject_name, reporting_date
    from staging.upstream_lists
    union all by name
    select source, record_key, uscc, person_id_no, subject_type, subject_name, reporting_date
    from staging.commitments
),

procured as (
    select source, record_key, supplier_uscc, supplier_name, consortium_usccs, reporting_date
    from staging.procurement
    where {{records}}
),

named as (
    select source, record_key, core.subject_key(uscc, person_id_no, $salt) as subject_key, subject_type, uscc,
           subject_name, core.mask_id(person_id_no) as id_no_masked,
           legal_rep, core.person_key(legal_rep_id_no, $salt) as legal_rep_key,
           core.mask_id(legal_rep_id_no) as legal_rep_id_masked, reporting_date
    from delivered
    where {{records}}
    union all by name
    select source, record_key, supplier_uscc as subject_key, '法人及非法人组织' as subject_type,
           supplier_uscc as uscc, supplier_name as subject_name, reporting_date
    from procured
    union all by name
    -- each consortium member is a subject of the award too, known by its code alone
    select source, record_key, member as subject_key, '法人及非法人组织' as subject_type, member as uscc, reporting_date
    from (select source, record_key, unnest(consortium_usccs) as member, reporting_date from procured)
),

shares as (
    select
        source, record_key, subject_key,
        max({ 'd': reporting_date, 'v': subject_type }) filter (where subject_type is not null) as type_at,
        max(uscc) as uscc,
        -- only the masked form of a person's number is kept: it is what a list publication shows
        max(id_no_masked) filter (where uscc is null) as id_no_masked,
        max({ 'd': reporting_date, 'v': subject_name }) filter (where subject_name is not null) as name_at,
        max({ 'd': reporting_date, 'rep': legal_rep, 'key': legal_rep_key }) filter (where legal_rep is not null)
            as rep_named,
        max({ 'd': reporting_date, 'rep': legal_rep, 'key': legal_rep_key, 'masked': legal_rep_id_masked })
            filter (where legal_rep_key is not null) as rep_keyed,
        min(reporting_date) as first_reported,
        max(reporting_date) as last_reported,
        -- each delivery's name and type with its day: the subject's aggregate keeps the first day of each. Sorted
        -- after aggregating: an ordered aggregate buffers every group's input in memory, which at 10M records
        -- exceeded the memory limit
        list_sort(list_distinct(
            list({ 'from': reporting_date, 'name': subject_name, 'type': subject_type })
                filter (where subject_name is not null)
        )) as names
    from named
    where subject_key is not null
    group by source, record_key, subject_key
)
select * from shares
