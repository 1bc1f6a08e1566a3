-- 完整率的字段填报计数: non-empty values per field, per delivery day, unit and subject type, kept per raw
-- partition. A partition (source, reporting_date) is counted again only when it was re-ingested since the last
-- build (its files' fingerprint changed) or under a new $version (this SQL, the raw columns); a partition no
-- longer delivered loses its counts. One pass over the due partitions of each raw table instead of every row.
create table if not exists marts.kpi_field_presence (
    source varchar,
    reporting_date date,
    source_unit varchar,
    subject_type varchar,
    rows_received bigint,
    field varchar,
    present bigint
);
comment on table marts.kpi_field_presence is '完整率字段填报计数 / non-empty values per field, delivery day, unit and subject type (kept per raw partition)';
create table if not exists ops.kpi_presence_partitions (
    source varchar,
    reporting_date date,
    fingerprint hugeint,
    version varchar
);
comment on table ops.kpi_presence_partitions is '完整率计数的依据 / per raw partition, the fingerprint of the files its counts were built from';

create or replace temp table kpi_partitions as
-- a re-ingested partition gets a new run and new load times for every file it holds
select source, reporting_date, sum(hash(source_file, file_sha256, run_id, ingested_at)::hugeint) as fingerprint
from raw.landing_files
where list_contains($sources::varchar[], source)
  and reporting_date is not null  -- a file outside every date folder is no partition and holds no rows
group by all;

create or replace temp table kpi_partitions_due as
select source, reporting_date
from kpi_partitions as now
where not exists (
    select 1 from ops.kpi_presence_partitions as built
    where built.source = now.source and built.reporting_date = now.reporting_date
      and built.fingerprint = now.fingerprint and built.version = $version
);

-- the counts of partitions due again or gone
delete from marts.kpi_field_presence as presence
where not exists (select 1 from kpi_partitions as now
                  where now.source = presence.source and now.reporting_date = presence.reporting_date)
   or exists (select 1 from kpi_partitions_due as due
              where due.source = presence.source and due.reporting_date = presence.reporting_date);

insert into marts.kpi_field_presence by name
{{counts}};

delete from ops.kpi_presence_partitions;
insert into ops.kpi_presence_partitions
select source, reporting_date, fingerprint, $version from kpi_partitions;
