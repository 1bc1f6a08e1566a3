-- The strays are no partition's (reporting_date is null): each landing scan replaces them all, in one transaction,
-- so a re-run registers none twice and a file since moved into a date folder is no longer listed.
delete from raw.landing_files where reporting_date is null;
insert into raw.landing_files select * from stray_files;
