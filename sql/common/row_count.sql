select count(*) from {{table}};
