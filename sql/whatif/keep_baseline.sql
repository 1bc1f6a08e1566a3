-- A live mart kept as built (a table or a view's rows) before the what-if builds it again under the alternative policy.
create or replace table {{target}} as from {{source}};
