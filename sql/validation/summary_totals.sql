-- 各数据源合计: received, accepted and rejected per source (run metadata for quality/summary).
select source, sum(rows_received), sum(rows_accepted), sum(rows_rejected)
from quality.summary
group by all
order by 1;
