insert into partition_rejections values (
    $source, $reporting_date::date, $source_file, $file_sha256, $sheet, null, $reason_code, $reason_zh, $reason_en,
    $raw_content, $ingested_at::timestamp, $run_id
);
