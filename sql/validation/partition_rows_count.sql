select count(*) from {{table}} where reporting_date in (select unnest($keys::date[]));
