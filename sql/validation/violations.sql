-- One row per violation (reject and warn), with the lineage a person needs to find and fix the record.
delete from quality.rejections where source = $source and list_contains($reporting_dates::date[], reporting_date);
insert into quality.rejections
with failures as (
    select
        validated.source,
        validated.reporting_date,
        validated.record_key,
        validated.source_file,
        validated.sheet,
        validated.source_row,
        {{unit_column}} as source_unit,
        unnest(validated.failed_rules) as rule_id,
        to_json(delivered) as raw_json
    from validated
    -- the value as delivered, from the raw row (only failing rows are looked up)
    join {{raw_table}} as delivered
        on delivered.reporting_date = validated.reporting_date
        and delivered.source_file = validated.source_file
        and delivered.sheet is not distinct from validated.sheet
        and delivered.source_row = validated.source_row
    where len(validated.failed_rules) > 0
)
select
    failures.source,
    failures.reporting_date,
    failures.record_key,
    failures.source_file,
    failures.sheet,
    failures.source_row,
    failures.source_unit,
    rules.id as rule_id,
    rules.severity,
    rules.category,
    -- a version held for a same-day conflict shows the fields that differ, each as this version delivered it
    coalesce(array_to_string(conflict.fields, ','), rules.field) as field,
    coalesce(
        array_to_string(list_transform(conflict.fields, (field, i) -> conflict.labels[i] || '：'
            || coalesce(json_extract_string(failures.raw_json, '$."' || field || '"'), '（空）')), '；'),
        json_extract_string(failures.raw_json, '$."' || rules.field || '"')
    ) as value,
    replace(rules.message_zh, '{versions}', coalesce(conflict.versions, '')) as message_zh,
    replace(rules.message_en, '{versions}', coalesce(conflict.versions, '')) as message_en,
    $run_id as run_id
from failures
join quality.rules as rules on rules.id = failures.rule_id
left join same_day_conflicts as conflict
    on rules.kind = 'same_day_conflict'
    and conflict.reporting_date = failures.reporting_date
    and conflict.source_file = failures.source_file
    and conflict.sheet is not distinct from failures.sheet
    and conflict.source_row = failures.source_row;
