-- 政府采购: award and performance rows, typed. Amounts are in yuan (unlike penalty records).
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(project_code) as project_code,
        staging.text(lot_no) as lot_no,
        staging.text(project_name) as project_name,
        staging.text(purchaser) as purchaser,
        staging.code(purchaser_uscc) as purchaser_uscc,
        staging.text(procurement_method) as procurement_method,
        staging.text(supplier_name) as supplier_name,
        staging.code(supplier_uscc) as supplier_uscc,
        list_filter(list_transform(string_split(replace(coalesce(consortium_usccs, ''), '；', ';'), ';'),
            member -> staging.code(member)), member -> member is not null) as consortium_usccs,
        staging.parse_date(bid_deadline) as bid_deadline,
        staging.parse_date(credit_checked_on) as credit_checked_on,
        staging.parse_date(award_date) as award_date,
        staging.parse_amount(award_amount_yuan) as award_amount_yuan,
        staging.parse_date(contract_date) as contract_date,
        staging.text(performance_status) as performance_status,
        staging.text(acceptance_result) as acceptance_result,
        staging.parse_date(cancelled_on) as cancelled_on,
        staging.text(cancel_reason) as cancel_reason,
        staging.text(source_unit) as source_unit,
        staging.code(source_unit_uscc) as source_unit_uscc,
        null::boolean as reported_on_time,  -- the 7-working-day rule covers licenses and penalties only
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record
    select case when project_code is not null then concat_ws('|', project_code, lot_no, supplier_uscc) end as record_key, renamed.*
    from renamed
)
select * from keyed
