select * from marts.credit_checks($codes::varchar[], $as_of::date, known := $known);
