-- A query as a CSV file with a header (UTF-8). COPY cannot bind its path, hence literals.
-- CSV injection (OWASP): a spreadsheet reads a cell that starts with = + - @, a tab or a carriage return as a
-- formula (=HYPERLINK(...) in a subject's name would be a link in the bureau's Excel). Such a text value is
-- written behind a single quote, which Excel shows as text; {{columns}} applies csv_text to the query's text
-- columns only (outputs.copy_query), so numbers, dates and the header row are written as they are. The JSON
-- Lines and workbooks keep the true value.
-- The test is a pattern, not left(value, 1) in (six values): DuckDB rewrites an IN list that long into a hash join,
-- which loses the query's order (duckdb/duckdb#24398), and each build would write its rows in another order.
create or replace temp macro csv_text(value) as
    case when regexp_matches(value, '^[=+@\t\r-]') then '''' || value else value end;

copy (select {{columns}} from ({{query}})) to {{path}} (format csv, header true);
