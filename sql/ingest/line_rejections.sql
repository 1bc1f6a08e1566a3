-- Lines the CSV reader could not split into the header's fields, with DuckDB's reason translated.
insert into partition_rejections
with rejected_lines as (
    -- the reader logs one error per missing column: keep one row per line
    select line, min(error_type) as error_type, min(error_message) as error_message, min(csv_line) as csv_line
    from landed_rejects
    group by line
)
select
    $source as source,
    $reporting_date::date as reporting_date,
    $source_file as source_file,
    $file_sha256 as file_sha256,
    null as sheet,
    line as source_row,
    'csv_' || lower(replace(error_type, ' ', '_')) as reason_code,
    case error_type
        when 'MISSING COLUMNS' then '字段数少于表头（该行缺少字段）'
        when 'TOO MANY COLUMNS' then '字段数多于表头（该行多出字段，可能含未加引号的逗号）'
        when 'UNQUOTED VALUE' then '引号使用不规范，无法解析该行'
        when 'LINE SIZE OVER MAXIMUM' then '该行过长，无法解析'
        else '该行无法解析'
    end as reason_zh,
    case error_type
        when 'MISSING COLUMNS' then 'fewer fields than the header'
        when 'TOO MANY COLUMNS' then 'more fields than the header (an unquoted comma?)'
        when 'UNQUOTED VALUE' then 'badly quoted value'
        when 'LINE SIZE OVER MAXIMUM' then 'line too long'
        else 'unparseable line: ' || error_message
    end as reason_en,
    trim(csv_line, chr(10) || chr(13)) as raw_content,
    $ingested_at::timestamp as ingested_at,
    $run_id as run_id
from rejected_lines
order by line;
