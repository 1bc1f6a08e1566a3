-- Whether the history holds a published record without its part (kept before the whole set was written in parts):
-- a whole build fills it (log_parts.sql)
select count(*) > 0 from publish.double_publicity_history where published_to is null and part is null;
