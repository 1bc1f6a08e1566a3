-- DuckDB cannot bind ATTACH's path as a parameter; it arrives as a quoted literal (creditwh.platform.sql.quote_literal).
attach {{path}} as analytics_snapshot;
