-- A view that is now a table (a warehouse built by older code)
drop view if exists {{view}};
