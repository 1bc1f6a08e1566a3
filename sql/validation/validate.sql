-- The single-pass validator: type the partition's raw rows, then evaluate every rule of quality/rules.csv
-- on each row in one scan. The typed step is sql/validation/typed_<source>.sql; the checks are compiled
-- from the rules by quality/compile.py.
create or replace temp table typed_rows as
select typed.* exclude (raw_row), {{raw_struct}} as raw_row
from (
{{typed}}
) as typed;

-- 同一报送日: a record that two files (or sheets) of the same day deliver in different content. Every version is
-- held (rule kind same_day_conflict): a fine published wrongly is a legal error, and which file the unit meant
-- only it can say. Copies identical in content are no conflict: whichever is current, the record is the same.
create or replace temp table same_day_conflicts as
with delivered_twice as (
    -- an aggregate first, as for keys repeated in a file: few keys come in more than one file of a day
    select reporting_date, record_key
    from typed_rows
    where record_key is not null
    group by all
    having count(distinct(source_file, coalesce(sheet, ''))) > 1
),
file_versions as (
    -- each file's first copy (a later copy in the same file is a duplicate: rule kind unique_in_file)
    select
        typed_rows.reporting_date,
        typed_rows.record_key,
        typed_rows.source_file,
        typed_rows.sheet,
        typed_rows.source_row,
        to_json(typed_rows) as content
    from typed_rows
    semi join delivered_twice using (reporting_date, record_key)
    qualify row_number() over (
        partition by typed_rows.reporting_date, typed_rows.record_key, typed_rows.source_file, coalesce(typed_rows.sheet, '')
        order by typed_rows.source_row
    ) = 1
),
field_values as (
    -- the delivered fields as typed (0.2 and 0.20 are one fine); lineage is no content
    select file_versions.reporting_date, file_versions.record_key, fields.field,
           json_extract_string(file_versions.content, fields.field) as field_value
    from file_versions, unnest($content_fields) as fields (field)
),
differing as (
    select reporting_date, record_key, list(field order by list_position($content_fields, field)) as fields
    from (
        select reporting_date, record_key, field
        from field_values
        group by all
        having count(distinct coalesce(field_value, chr(0))) > 1
    )
    group by all
)
select
    file_versions.reporting_date,
    file_versions.source_file,
    file_versions.sheet,
    file_versions.source_row,
    differing.fields,
    list_transform(differing.fields, field -> $content_labels[list_position($content_fields, field)]) as labels,
    -- every version of the record, for the message each one carries
    string_agg(
        file_versions.source_file || coalesce(' 工作表「' || file_versions.sheet || '」', '')
        || ' 第 ' || file_versions.source_row || ' 行',
        ' 与 ' order by file_versions.source_file, file_versions.sheet, file_versions.source_row
    ) over (partition by file_versions.reporting_date, file_versions.record_key) as versions
from file_versions
join differing using (reporting_date, record_key);

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
    select typed_rows.*, repeated.first_row as first_row_of_key, same_day.versions as same_day_versions
    from typed_rows
    left join repeated
        on repeated.source_file = typed_rows.source_file
        and repeated.sheet_key = coalesce(typed_rows.sheet, '')
        and repeated.record_key = typed_rows.record_key
    left join same_day_conflicts as same_day
        on same_day.reporting_date = typed_rows.reporting_date
        and same_day.source_file = typed_rows.source_file
        and same_day.sheet is not distinct from typed_rows.sheet
        and same_day.source_row = typed_rows.source_row
)
-- raw_row is only read by the checks: it is not stored (the violations step reads raw values from the raw table)
select checked.* exclude (raw_row, first_row_of_key, same_day_versions), {{checks}} as failed_rules
from checked;

drop table typed_rows;
