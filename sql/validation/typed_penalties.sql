-- 行政处罚: the partition's raw text rows, typed. One CTE per step.
with delivered as (
    select partition_rows as raw_row, *
    from {{raw_table}} as partition_rows
    where list_contains($reporting_dates::date[], reporting_date)
),
renamed as (
    select
        raw_row,
        staging.text(subject_name) as subject_name,
        -- the 2015/16 template has no subject type or ID type: infer them from the codes it does carry
        coalesce(staging.text(subject_type), case when header_style = 'old_template' then
            case when staging.text(uscc) is not null then '法人及非法人组织'
                 when staging.text(person_id_no) is not null then '自然人' end end) as subject_type,
        staging.code(uscc) as uscc,
        staging.code(business_reg_no) as business_reg_no,
        staging.code(org_code) as org_code,
        staging.code(tax_reg_no) as tax_reg_no,
        staging.code(institution_cert_no) as institution_cert_no,
        staging.code(social_org_reg_no) as social_org_reg_no,
        staging.text(legal_rep) as legal_rep,
        staging.text(legal_rep_id_type) as legal_rep_id_type,
        staging.code(legal_rep_id_no) as legal_rep_id_no,
        coalesce(staging.text(person_id_type), case when header_style = 'old_template'
            and staging.text(person_id_no) is not null then '身份证' end) as person_id_type,
        staging.code(person_id_no) as person_id_no,
        staging.text(decision_doc_no) as decision_doc_no,
        staging.text(violation_type) as violation_type,
        staging.text(violation_facts) as violation_facts,
        staging.text(legal_basis) as legal_basis,
        -- the old template splits categories over two columns
        nullif(concat_ws(';', staging.text(penalty_categories), staging.text(penalty_categories_2)), '') as penalty_categories,
        staging.text(penalty_content) as penalty_content,
        staging.fine_yuan_in_text(penalty_content) as fine_yuan_in_content,
        staging.parse_amount(fine_10k_yuan) as fine_10k_yuan,
        staging.parse_amount(confiscated_10k_yuan) as confiscated_10k_yuan,
        staging.text(suspended_licence) as suspended_licence,
        staging.parse_date(decision_date) as decision_date,
        staging.parse_valid_to(penalty_valid_to) as penalty_valid_to,
        staging.parse_valid_to(publicity_until) as publicity_until,
        staging.text(authority) as authority,
        staging.code(authority_uscc) as authority_uscc,
        staging.text(source_unit) as source_unit,
        staging.code(source_unit_uscc) as source_unit_uscc,
        staging.text(status) as status,
        staging.text(remarks) as remarks,
        source, source_file, file_sha256, sheet, source_row, reporting_date, header_style, extras, ingested_at, run_id
    from delivered
),
with_deadline as (
    -- 国办发〔2015〕51号: publish within 7 working days; the decision day itself is not counted
    select
        renamed.*,
        deadline.day as publish_deadline,
        renamed.reporting_date <= deadline.day as reported_on_time
    from renamed
    left join staging.work_calendar decided on decided.day = renamed.decision_date
    left join staging.work_calendar deadline
        on deadline.is_workday and deadline.workday_seq = decided.workday_seq + $deadline_working_days
),
keyed as (
    -- the business key: the same key delivered again is a new version of the record
    select case when decision_doc_no is not null then concat_ws('|', decision_doc_no, coalesce(uscc, person_id_no)) end as record_key, with_deadline.*
    from with_deadline
)
select * from keyed
