-- 考核指标: every indicator per period (month, half year, year) and source unit, and for all units together,
-- with its numerator, denominator, target and whether it meets it, from the tallies (marts/kpi_tallies: a few
-- rows per period, so this is built whole every run). Definitions: policy/kpis.csv.
create or replace table marts.kpi_periods as
with bounds as (
    select date_trunc('year', least(min(day), $as_of::date))::date as first_day,
           (date_trunc('year', greatest(max(day), $as_of::date)) + interval 1 year - interval 1 day)::date as last_day
    from marts.kpi_facts
),
months as (
    select unnest(generate_series(first_day, last_day, interval 1 month))::date as month_start from bounds
)
select 'month' as period_kind, strftime(month_start, '%Y-%m') as period, month_start as period_start,
       (month_start + interval 1 month - interval 1 day)::date as period_end
from months
union all
select distinct 'half_year', year(month_start) || case when month(month_start) <= 6 then 'H1' else 'H2' end,
       make_date(year(month_start), case when month(month_start) <= 6 then 1 else 7 end, 1),
       case when month(month_start) <= 6 then make_date(year(month_start), 6, 30) else make_date(year(month_start), 12, 31) end
from months
union all
select distinct 'year', year(month_start)::varchar, make_date(year(month_start), 1, 1), make_date(year(month_start), 12, 31)
from months;
comment on table marts.kpi_periods is '考核期间 / the months, half years and years indicators are reported for';

create or replace table marts.kpi as
with definitions as (
    select id as metric, name_zh, name_en, kind, numerator_zh, denominator_zh,
           try_cast(target as double) as target, nullif(direction, '') as direction
    from read_csv($kpis_path, header = true, all_varchar = true)
),
aggregated as (
    -- a fact with a key counts its distinct keys (with a numerator, of all); one without sums its numbers
    select
        period_kind, period, period_start, period_end, source_unit, metric,
        case when keyed_rows > 0 then distinct_keys_counted
             when numerator_rows > 0 then numerator_sum end::double as numerator,
        case when keyed_rows > 0 and denominator_rows > 0 then distinct_keys
             when denominator_rows > 0 then denominator_sum end::double as denominator
    from marts.kpi_tallies
),
valued as (
    select aggregated.*, definitions.* exclude (metric),
        case when definitions.kind = 'count' then aggregated.numerator
             else aggregated.numerator / nullif(aggregated.denominator, 0) end as value
    from aggregated
    join definitions using (metric)
)
select
    period_kind, period, period_start, period_end, source_unit, metric, name_zh, name_en, kind,
    numerator, denominator, round(value, 4) as value, numerator_zh, denominator_zh, target, direction,
    case direction when 'at_least' then value >= target when 'at_most' then value <= target end as meets_target,
    $as_of::date as as_of
from valued
order by period_start, period_kind, source_unit, metric;
comment on table marts.kpi is '考核指标 / each indicator per period and source unit (全部单位 = all units), with numerator, denominator, target and meets_target';
comment on table marts.kpi_facts is '考核指标事实 / each indicator''s numerator and denominator per day and source unit (distinct_key: counted once per period)';
comment on table marts.kpi_tallies is '考核指标累计量 / per period, unit (all_units: 全部单位) and indicator, the counts and sums marts.kpi is made of (kept by change)';
