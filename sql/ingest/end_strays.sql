-- After the commit, not inside it: a commit that DuckLake retries must find the strays again.
drop table stray_files;
