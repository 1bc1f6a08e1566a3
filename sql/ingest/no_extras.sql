alter table {{table}} add column extras json;
