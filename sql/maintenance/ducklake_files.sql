-- The lake's data files and snapshots now: the maintenance asset's before and after.
select
    (select sum(file_count) from ducklake_table_info($catalog)) as data_files,
    (select sum(file_size_bytes) from ducklake_table_info($catalog)) as data_bytes,
    (select count(*) from ducklake_snapshots($catalog)) as snapshots;
