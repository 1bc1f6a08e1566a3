-- What a warehouse built before the ops schema still lacks: the schema, bookkeeping tables to move there, and the
-- old validation macros to drop. The schema comes first.
with pending as (
    select 0 as step, 'schema' as action, 'ops' as name
    where not exists (
        select 1 from duckdb_schemas() where database_name = current_database() and schema_name = 'ops'
    )
    union all
    select distinct 1 as step, 'table' as action, schema_name || '.' || table_name as name
    from duckdb_tables()
    where
        database_name = current_database() and not temporary
        and list_contains($moved, schema_name || '.' || table_name)
    union all
    select distinct 2 as step, 'macro' as action, schema_name || '.' || function_name as name
    from duckdb_functions()
    where
        database_name = current_database() and schema_name = 'staging' and starts_with(function_name, 'ok_')
        and function_type in ('macro', 'table_macro')
)

select action, name from pending
order by step, name;
