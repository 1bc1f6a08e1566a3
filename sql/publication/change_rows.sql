-- The day's import file: the 新增 and 更新 records with their published values, template columns only (REFERENCE §3:
-- the operation is kept outside the file the platform imports, in the operations list). Rows in the operations
-- list's order (change_operations.sql numbers them the same way).
select {{columns}}
from {{changes}} as changes
join {{frame}} as frame on frame.record_key = changes.record_key
where changes.action <> '撤下'
order by changes.action, changes.record_key
