-- 代码差错的依据: each USCC delivered, per raw partition and unit, with the least and the greatest name it came
-- under, kept per raw partition like marts.kpi_field_presence (run after assessment/kpi_presence, whose partitions
-- due it reads). A code used under two names anywhere is an error, and least < greatest over all its rows says so
-- without keeping every name. kpi_codes_changed names the codes whose rows were taken out or put in.
create table if not exists marts.kpi_codes (
    source varchar,
    reporting_date date,
    source_unit varchar,
    uscc varchar,
    least_name varchar,
    greatest_name varchar
);
comment on table marts.kpi_codes is '代码差错依据 / each USCC per raw partition and unit, with the least and greatest name delivered with it (kept per raw partition)';

create or replace temp table kpi_codes_due as
with delivered as (
    select 'licenses' as source, reporting_date, source_unit, trim(uscc) as uscc, trim(subject_name) as subject_name
    from raw.licenses
    where reporting_date in (select reporting_date from kpi_partitions_due where source = 'licenses')
    union all
    select 'penalties', reporting_date, source_unit, trim(uscc), trim(subject_name)
    from raw.penalties
    where reporting_date in (select reporting_date from kpi_partitions_due where source = 'penalties')
)
select source, reporting_date, source_unit, uscc, min(subject_name) as least_name, max(subject_name) as greatest_name
from delivered
where nullif(uscc, '') is not null
group by all;

create or replace temp table kpi_codes_replaced as
-- the stored rows of partitions due again or gone
select codes.source, codes.reporting_date, codes.uscc
from marts.kpi_codes as codes
where not exists (select 1 from kpi_partitions as now
                  where now.source = codes.source and now.reporting_date = codes.reporting_date)
   or exists (select 1 from kpi_partitions_due as due
              where due.source = codes.source and due.reporting_date = codes.reporting_date);

create or replace temp table kpi_codes_changed as
select uscc from kpi_codes_replaced
union
select uscc from kpi_codes_due;

delete from marts.kpi_codes
where (source, reporting_date) in (select source, reporting_date from kpi_codes_replaced);

insert into marts.kpi_codes by name
select * from kpi_codes_due;
