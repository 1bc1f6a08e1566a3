-- The reporting dates in [$first, $last] the raw layer holds files for, of any source and status.
select distinct strftime(reporting_date, '%Y-%m-%d') as reporting_date
from raw.landing_files
where reporting_date between $first::date and $last::date
order by reporting_date;
