-- The single-pass validator: type the partition's raw rows and evaluate every rule of quality/rules.csv
-- on each, in one scan. The typed step is sql/staging/typed_<source>.sql; the checks are compiled from the rules.
create or replace temp table validated as
with typed as materialized (
{{typed}}
),
repeated as (
    -- keys delivered more than once in the same file: an aggregate is far cheaper than a window per row
    select source_file, coalesce(sheet, '') as sheet_key, record_key, min(source_row) as first_row
    from typed
    where record_key is not null
    group by all
    having count(*) > 1
),
checked as (
    select typed.*, repeated.first_row as first_row_of_key
    from typed
    left join repeated
        on repeated.source_file = typed.source_file
        and repeated.sheet_key = coalesce(typed.sheet, '')
        and repeated.record_key = typed.record_key
)
-- raw_row is only read by the checks: it is not stored (the violations step reads raw values from the raw table)
select checked.* exclude (raw_row, first_row_of_key), {{checks}} as failed_rules
from checked;
