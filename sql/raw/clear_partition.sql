-- Re-materialising a partition replaces exactly its rows: clear them first, in the same transaction.
delete from {{table}} where reporting_date = $reporting_date::date;
delete from raw.landing_files where source = $source and reporting_date = $reporting_date::date;
delete from raw.rejections where source = $source and reporting_date = $reporting_date::date;
