-- One file per department and month: its rows, and a fingerprint of its content (an order-free sum of row
-- hashes), so a run rewrites only the files whose content changed
select initiating_department, period, count(*) as rows, sum(hash(*columns(*))::hugeint)::varchar as content
from feedback_rows
group by all
order by initiating_department, period;
