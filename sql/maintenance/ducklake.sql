-- DuckLake housekeeping, in the order that frees space: small inlined writes to Parquet, adjacent small files
-- merged, snapshots older than the retention expired, and the files no snapshot needs any more deleted.
-- Time travel reaches back only as far as the retention.
call ducklake_flush_inlined_data($catalog);
call ducklake_merge_adjacent_files($catalog);
call ducklake_expire_snapshots($catalog, older_than => now() - to_days($keep_days));
call ducklake_cleanup_old_files($catalog, older_than => now() - to_days($keep_days));
