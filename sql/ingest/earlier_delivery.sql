-- The same file (same checksum) already loaded in another partition: this delivery is a duplicate.
select strftime(reporting_date, '%Y-%m-%d') || ' ' || source_file as first_delivery
from raw.landing_files
where source = $source
  and file_sha256 = $file_sha256
  and status = 'loaded'
  and reporting_date <> $reporting_date::date
order by reporting_date, source_file
limit 1;
