-- PostgreSQL roles and databases for a credit warehouse deployment (数据库与账号初始化), run once as a superuser:
--   psql "host=pg.internal user=postgres dbname=postgres" -v lake_password=... -v reader_password=... \
--        -v dagster_password=... -f deploy/postgres-catalog.sql
-- Creates
--   credit_lake  the DuckLake catalog, owned by `lake` (the workers: CREDIT_DUCKLAKE_PG), which creates DuckLake's
--                tables on its first ATTACH; `lake_reader` (analysts) may only read them
--   dagster      Dagster's run history and schedules, owned by `dagster` (DAGSTER_PG_* in deploy/dagster-pg.env)
-- Names can be changed with -v lake_db=... lake_user=... reader_user=... dagster_db=... dagster_user=...
\set ON_ERROR_STOP on
\if :{?lake_db}
\else
    \set lake_db credit_lake
\endif
\if :{?lake_user}
\else
    \set lake_user lake
\endif
\if :{?reader_user}
\else
    \set reader_user lake_reader
\endif
\if :{?dagster_db}
\else
    \set dagster_db dagster
\endif
\if :{?dagster_user}
\else
    \set dagster_user dagster
\endif

-- DuckLake catalog. Owning the database lets `lake` create tables in its public schema (PostgreSQL 15+).
create role :"lake_user" login password :'lake_password';
create database :"lake_db" owner :"lake_user" encoding 'UTF8' template template0;
revoke all on database :"lake_db" from public;

-- Analysts: connect and read, never write. DuckLake's tables do not exist yet, so the grant is a default for
-- every table `lake` will create.
create role :"reader_user" login password :'reader_password';
grant connect on database :"lake_db" to :"reader_user";
\connect :"lake_db"
grant usage on schema public to :"reader_user";
alter default privileges for role :"lake_user" in schema public grant select on tables to :"reader_user";
\connect postgres

-- Dagster's own storage: dagster-postgres creates its tables on first start.
create role :"dagster_user" login password :'dagster_password';
create database :"dagster_db" owner :"dagster_user" encoding 'UTF8' template template0;
revoke all on database :"dagster_db" from public;
