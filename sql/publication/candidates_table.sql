-- The records a day's frame is built for (changed_records.sql adds each source's)
create or replace temp table publication_candidates (source varchar, record_key varchar);
