-- 数据截至: each source's latest delivery loaded for a reporting day up to $as_of, as a check record states it.
select
    source,
    max(reporting_date) as delivered_to
from raw.landing_files
where status = 'loaded' and reporting_date <= $as_of::date
group by source
order by source;
