-- A table that is now a view (a warehouse built by older code)
drop table if exists {{table}};
