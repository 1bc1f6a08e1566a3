-- A query as JSON Lines: one object per row, every key on every line (nulls included).
copy ({{query}}) to {{path}} (format json);
