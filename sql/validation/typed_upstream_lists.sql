-- 联合奖惩名单: subjects named by initiating departments, typed.
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(list_type) as list_type,
        staging.text(kind) as kind,
        staging.text(subject_name) as subject_name,
        staging.text(subject_type) as subject_type,
        staging.code(uscc) as uscc,
        staging.code(person_id_no) as person_id_no,
        staging.text(initiating_department) as initiating_department,
        staging.text(decision_doc_no) as decision_doc_no,
        staging.text(memorandum) as memorandum,
        staging.parse_date(listed_on) as listed_on,
        staging.parse_valid_to(valid_until) as valid_until,
        staging.parse_date(removed_on) as removed_on,
        staging.text(removal_reason) as removal_reason,
        null::boolean as reported_on_time,  -- the 7-working-day rule covers licenses and penalties only
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record
    select case when decision_doc_no is not null then concat_ws('|', decision_doc_no, coalesce(uscc, person_id_no)) end as record_key, renamed.*
    from renamed
)
select * from keyed
