-- 信用修复: repair applications and decisions, typed.
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(case_no) as case_no,
        staging.text(subject_name) as subject_name,
        staging.code(uscc) as uscc,
        staging.code(person_id_no) as person_id_no,
        staging.text(record_doc_no) as record_doc_no,
        staging.parse_date(applied_on) as applied_on,
        staging.text(decision) as decision,
        staging.parse_date(decided_on) as decided_on,
        staging.text(repair_kind) as repair_kind,
        staging.text(handled_by) as handled_by,
        null::boolean as reported_on_time,  -- the 7-working-day rule covers licenses and penalties only
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record
    select case_no as record_key, renamed.*
    from renamed
)
select * from keyed
