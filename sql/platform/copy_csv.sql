-- A query as a CSV file with a header (UTF-8). COPY cannot bind its path, hence literals.
copy ({{query}}) to {{path}} (format csv, header true);
