select action, count(*) from {{changes}} group by action order by action;
