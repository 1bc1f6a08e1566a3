-- Record what the KPI facts and tallies are built under now
delete from ops.kpi_built;
insert into ops.kpi_built values ($version, $as_of::date);
