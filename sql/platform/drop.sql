-- A relation older code left, of a kind (table, view, macro) that CREATE OR REPLACE cannot replace
drop {{kind}} if exists {{relation}};
