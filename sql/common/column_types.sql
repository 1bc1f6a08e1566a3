-- A table's columns and their types, in order
select column_name, column_type from (describe {{table}});
