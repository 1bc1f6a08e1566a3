-- A staging table takes the validator's typed shape, plus the warnings each accepted row carries.
create table if not exists {{table}} as
select validated.* exclude (failed_rules), []::varchar[] as warning_rules
from validated
limit 0;
