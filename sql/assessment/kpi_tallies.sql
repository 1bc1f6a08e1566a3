-- 考核指标累计量: marts.kpi_tallies kept by change. Only the tallies the recounted facts fall in are touched: each
-- becomes the stored tally, less what those facts counted before (kpi_counted_before), plus what they count now
-- (kpi_counted_after). Distinct keys add up too, as a recounted key brings all its rows to both sides. A tally
-- left without facts goes; the other periods keep their rows as they are.
create table if not exists marts.kpi_tallies (  -- built whole the first time (platform/rebuild_table)
    period_kind varchar,
    period varchar,
    period_start date,
    period_end date,
    all_units boolean,
    source_unit varchar,
    metric varchar,
    fact_rows bigint,
    keyed_rows bigint,
    distinct_keys bigint,
    distinct_keys_counted bigint,
    numerator_sum double,
    numerator_rows bigint,
    denominator_sum double,
    denominator_rows bigint
);

create or replace temp table kpi_tallies_recounted as
with moves as (
    select *, 1 as sign from ({{after}})
    union all
    select *, -1 as sign from ({{before}})
),
touched as (
    select distinct period_kind, period, all_units, source_unit, metric from moves
),
parts as (
    select tallies.*, 1 as sign
    from marts.kpi_tallies as tallies
    where (period_kind, period, all_units, source_unit, metric) in (select * from touched)
    union all by name
    select * from moves
)
select
    period_kind, period, period_start, period_end, all_units, source_unit, metric,
    sum(sign * fact_rows)::bigint as fact_rows,
    sum(sign * keyed_rows)::bigint as keyed_rows,
    sum(sign * distinct_keys)::bigint as distinct_keys,
    sum(sign * distinct_keys_counted)::bigint as distinct_keys_counted,
    sum(sign * numerator_sum)::double as numerator_sum,
    sum(sign * numerator_rows)::bigint as numerator_rows,
    sum(sign * denominator_sum)::double as denominator_sum,
    sum(sign * denominator_rows)::bigint as denominator_rows
from parts
group by all;

delete from marts.kpi_tallies
where (period_kind, period, all_units, source_unit, metric) in (
    select period_kind, period, all_units, source_unit, metric from kpi_tallies_recounted
);

insert into marts.kpi_tallies by name
select * from kpi_tallies_recounted
where fact_rows > 0;
