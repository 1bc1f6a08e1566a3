-- Unmapped columns are kept, never dropped: fold them into one JSON object keyed by the delivered header
-- (the x__ prefix that marked them is removed from the keys).
create or replace temp table {{table}} as
select
    columns(c -> c not like 'x\_\_%' escape '\'),
    regexp_replace(to_json(struct_pack(*columns('^x__'))), '([{,])"x__', '\1"', 'g')::json as extras
from {{table}};
