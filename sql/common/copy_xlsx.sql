-- A registered frame as one worksheet (DuckDB's excel extension). COPY cannot bind its path, hence literals.
copy xlsx_frame to {{path}} (format xlsx, header true, sheet {{sheet}});
