-- A temp table's columns and their types, in order (common/table_shape reads only this database's tables)
select column_name, column_type from (describe {{table}});
