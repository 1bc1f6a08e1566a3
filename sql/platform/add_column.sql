-- A column a newer field table added: rows stored before it have none (null), as their deliveries had none.
alter table {{table}} add column if not exists "{{column}}" {{column_type}};
