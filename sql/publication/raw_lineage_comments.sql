-- lineage columns are documented once, on the raw tables
select column_name, any_value(comment)
from duckdb_columns()
where database_name = current_database() and schema_name = 'raw' and table_name = 'penalties'
  and column_name in ('source', 'source_file', 'file_sha256', 'sheet', 'source_row', 'reporting_date', 'header_style',
                      'extras', 'ingested_at', 'run_id')
group by all;
