copy from database {{source_db}} to analytics_snapshot;
