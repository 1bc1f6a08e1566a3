-- A file outside every date folder: rejected, in no partition (no reporting date), carrying no records.
insert into stray_files (
    source, reporting_date, source_file, file_sha256, file_bytes, file_format, status,
    rows_read, rows_loaded, rows_rejected, message_zh, message_en, ingested_at, run_id, reason_code, source_unit
) values (
    $source, null, $source_file, $file_sha256, $file_bytes, $file_format, 'rejected',
    0, 0, 0, $message_zh, $message_en, $ingested_at::timestamp, $run_id, $reason_code, $source_unit
);
