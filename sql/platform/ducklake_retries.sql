-- Concurrent writers collide on DuckLake's snapshot id; DuckLake retries the commit itself this many times.
set ducklake_max_retry_count = $retries;
set ducklake_retry_wait_ms = 50;
set ducklake_retry_backoff = 2;
