-- The current-version view of warehouses built before it became a table
drop view if exists {{view}};
