-- Re-materialising a partition replaces exactly its rows, in one transaction.
delete from {{table}} where reporting_date = $reporting_date::date;
delete from raw.landing_files where source = $source and reporting_date = $reporting_date::date;
delete from raw.rejections where source = $source and reporting_date = $reporting_date::date;
insert into {{table}} select * from partition_rows;
insert into raw.landing_files select * from partition_files;
insert into raw.rejections select * from partition_rejections;
