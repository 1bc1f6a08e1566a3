-- DuckDB cannot bind a comment's text; it arrives as a quoted literal (creditwh.platform.sql.quote_literal).
comment on column {{table}}."{{column}}" is {{text}};
