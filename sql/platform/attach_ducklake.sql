-- The lake as the session's default database: every other SQL file runs unchanged on it.
-- ATTACH cannot bind its arguments; they arrive as quoted literals (creditwh.platform.sql.quote_literal).
attach if not exists {{catalog}} as warehouse (data_path {{data_path}});
use warehouse;
