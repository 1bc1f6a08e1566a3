select initiating_department, period, count(*) as rows
from feedback_rows
group by all
order by initiating_department, period;
