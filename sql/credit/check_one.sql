select * from marts.credit_check($code, $as_of::date, known := $known);
