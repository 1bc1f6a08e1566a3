-- A table's content as a file would hold it: its rows and an order-free sum of row hashes (creditwh/platform/manifest.py)
select count(*) as rows, coalesce(sum(hash(*columns(*))::hugeint), 0)::varchar as content
from {{table}};
