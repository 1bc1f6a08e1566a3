-- 财政补助、政策扶持与PPP申请: applications, typed. Amounts are in yuan.
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(application_no) as application_no,
        staging.text(programme) as programme,
        staging.text(kind) as kind,
        staging.text(subject_name) as subject_name,
        staging.text(subject_type) as subject_type,
        staging.code(uscc) as uscc,
        staging.code(person_id_no) as person_id_no,
        staging.parse_date(applied_on) as applied_on,
        staging.parse_amount(amount_yuan) as amount_yuan,
        staging.text(decision) as decision,
        staging.parse_date(decided_on) as decided_on,
        staging.text(decision_reason) as decision_reason,
        staging.text(source_unit) as source_unit,
        staging.code(source_unit_uscc) as source_unit_uscc,
        null::boolean as reported_on_time,  -- the 7-working-day rule covers licenses and penalties only
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record
    select application_no as record_key, renamed.*
    from renamed
)
select * from keyed
