-- The landing scan's strays collect here before one write, as a partition's files do in partition_files.
create or replace temp table stray_files as select * from raw.landing_files limit 0;
