-- The partition being read: rows, rejected lines and file registrations collect here before one write.
create or replace temp table partition_rows as select * from {{table}} limit 0;
create or replace temp table partition_rejections as select * from raw.rejections limit 0;
create or replace temp table partition_files as select * from raw.landing_files limit 0;
