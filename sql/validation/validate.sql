-- The single-pass validator: type the partition's raw rows, then evaluate every rule of quality/rules.csv
-- on each row in one scan. The typed step is sql/validation/typed_<source>.sql; the checks are compiled
-- from the rules by quality/compile.py.
create or replace temp table typed_rows as
select typed.* exclude (raw_row), {{raw_struct}} as raw_row
from (
{{typed}}
) as typed;

create or replace temp table validated as
with repeated as (
    -- keys delivered more than once in the same file: an aggregate is far cheaper than a window per row
    select source_file, coalesce(sheet, '') as sheet_key, record_key, min(source_row) as first_row
    from typed_rows
    where record_key is not null
    group by all
    having count(*) > 1
),
checked as (
    select typed_rows.*, repeated.first_row as first_row_of_key
    from typed_rows
    left join repeated
        on repeated.source_file = typed_rows.source_file
        and repeated.sheet_key = coalesce(typed_rows.sheet, '')
        and repeated.record_key = typed_rows.record_key
)
-- raw_row is only read by the checks: it is not stored (the violations step reads raw values from the raw table)
select checked.* exclude (raw_row, first_row_of_key), {{checks}} as failed_rules
from checked;

drop table typed_rows;
