-- After the commit, not inside it: a commit that DuckLake retries must find the partition's rows again.
drop table partition_rows;
drop table partition_rejections;
drop table partition_files;
