-- The current version of each record: a key delivered again is a correction, and the latest delivery
-- wins. Earlier versions stay in the staging table as history.
select *
from {{table}}
where record_key is not null and {{keys}}
qualify row_number() over (
    partition by record_key
    order by reporting_date desc, ingested_at desc, source_file desc, source_row desc
) = 1
