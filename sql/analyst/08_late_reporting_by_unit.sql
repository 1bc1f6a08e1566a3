-- 上报及时率: records reported within 7 working days of the decision, by source unit and month.
select source, source_unit, date_trunc('month', reporting_date)::date as month,
       count(*) as records,
       count(*) filter (where reported_on_time) as on_time,
       round(count(*) filter (where reported_on_time) / count(*), 4) as on_time_rate
from (select source, source_unit, reporting_date, reported_on_time from staging.penalties
      union all
      select source, source_unit, reporting_date, reported_on_time from staging.licenses)
group by all
order by month, source, source_unit;
