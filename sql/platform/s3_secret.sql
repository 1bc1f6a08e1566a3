-- Credentials for DuckLake's Parquet on S3-compatible storage (MinIO, a cloud bucket), from CREDIT_S3_*.
-- CREATE SECRET cannot bind parameters; the values arrive as quoted literals (creditwh.platform.sql.quote_literal).
create or replace secret credit_s3 (
    type s3,
    key_id {{key_id}},
    secret {{secret}},
    region {{region}},
    endpoint {{endpoint}},
    url_style {{url_style}},
    use_ssl {{use_ssl}}
);
