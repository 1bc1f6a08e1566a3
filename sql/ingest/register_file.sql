insert into partition_files (
    source, reporting_date, source_file, file_sha256, file_bytes, file_format, encoding, sheets, header_style, status,
    rows_read, rows_loaded, rows_rejected, duplicate_of, message_zh, message_en, ingested_at, run_id, reason_code
) values (
    $source, $reporting_date::date, $source_file, $file_sha256, $file_bytes, $file_format, $encoding, $sheets,
    $header_style, $status, $rows_read, $rows_loaded, $rows_rejected, $duplicate_of, $message_zh, $message_en,
    $ingested_at::timestamp, $run_id, $reason_code
);
