-- What the KPI facts and tallies were last built under: the version (their SQL, the policy, the required items)
-- and the as-of day, whose facts after it the tallies leave out. One row, or none before the first build.
create table if not exists ops.kpi_built (
    version varchar,
    as_of date
);
comment on table ops.kpi_built is '考核指标的构建依据 / the version and the as-of day the KPI facts and tallies were last built under';
select version, as_of from ops.kpi_built;
