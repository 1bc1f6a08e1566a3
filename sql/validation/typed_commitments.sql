-- 信用承诺: commitments (信用承诺书) and the unit's check of their fulfilment, typed.
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(commitment_no) as commitment_no,
        staging.text(subject_name) as subject_name,
        staging.text(subject_type) as subject_type,
        staging.code(uscc) as uscc,
        staging.code(person_id_no) as person_id_no,
        staging.text(commitment_type) as commitment_type,
        staging.text(matter) as matter,
        staging.text(content) as content,
        staging.parse_date(committed_on) as committed_on,
        staging.parse_date(due_on) as due_on,
        staging.text(accepting_unit) as accepting_unit,
        staging.text(publicity) as publicity,
        staging.text(fulfilment) as fulfilment,
        staging.parse_date(checked_on) as checked_on,
        null::boolean as reported_on_time,  -- the 7-working-day rule covers licenses and penalties only
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record (its later check)
    select commitment_no as record_key, renamed.*
    from renamed
)
select * from keyed
