-- Append one landed sheet (its rows already numbered) to the partition, with lineage.
insert into partition_rows by name
select
    landed.*,
    $source as source,
    $source_file as source_file,
    $file_sha256 as file_sha256,
    $sheet as sheet,
    $reporting_date::date as reporting_date,
    $header_style as header_style,
    $ingested_at::timestamp as ingested_at,
    $run_id as run_id
from landed;
