-- A query as one worksheet (DuckDB's excel extension). COPY cannot bind its path, hence literals.
copy ({{query}}) to {{path}} (format xlsx, header true, sheet {{sheet}});
