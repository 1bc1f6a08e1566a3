-- 考核指标事实: each indicator's numerator and denominator per day and source unit (assessment/kpi_fact_rows),
-- kept by change. The facts are derived again (everything but the code errors whole, those only for the codes
-- whose deliveries changed); a cell (metric, day, unit, key) whose rows differ from the stored ones gets the new
-- rows. What the tallies must count again is set apart before and after: the keyless rows of the cells that
-- changed, and every row of a key in the periods where one of its cells changed (a key is counted once per
-- period), the cells the move of the as-of day from $built_as_of to $as_of lets in or out among them.
create table if not exists marts.kpi_facts (  -- built whole the first time (platform/rebuild_table)
    day date,
    source_unit varchar,
    metric varchar,
    distinct_key varchar,
    numerator double,
    denominator double
);

create or replace temp table kpi_facts_derived as
{{rows}};

create or replace temp table kpi_cells_replaced as
with stored as (
    -- what the derived rows replace: all but the code errors, and those of the codes derived again
    select * from marts.kpi_facts
    where metric <> 'code_error' or distinct_key in (select uscc from kpi_codes_changed)
),
signed as (
    select *, 1 as side from stored
    union all
    select *, -1 as side from kpi_facts_derived
),
differing as (
    -- the rows held more often on one side than on the other, in one pass (EXCEPT ALL both ways took 4x as long)
    select metric, day, source_unit, distinct_key
    from signed
    group by metric, day, source_unit, distinct_key, numerator, denominator
    having sum(side) <> 0
)
select distinct metric, day, source_unit, distinct_key from differing;

create or replace temp table kpi_cells_recounted as
select * from kpi_cells_replaced
union
select distinct metric, day, source_unit, distinct_key
from marts.kpi_facts
where day > least($as_of::date, $built_as_of::date) and day <= greatest($as_of::date, $built_as_of::date);

create or replace temp table kpi_keys_recounted as
select distinct metric, distinct_key, period_kind, period
from (
    select metric, distinct_key, unnest(kpi_periods_of(day), recursive := true)
    from kpi_cells_recounted
    where distinct_key is not null
);

create or replace temp table kpi_counted_before as
select * from marts.kpi_facts
where day <= $built_as_of::date
  and ((metric, distinct_key) in (select metric, distinct_key from kpi_keys_recounted)
       or (distinct_key is null
           and (metric, day, source_unit) in (select metric, day, source_unit from kpi_cells_recounted
                                              where distinct_key is null)));

delete from marts.kpi_facts
where (metric, day, source_unit, distinct_key) in (select metric, day, source_unit, distinct_key
                                                   from kpi_cells_replaced where distinct_key is not null)
   or (distinct_key is null
       and (metric, day, source_unit) in (select metric, day, source_unit from kpi_cells_replaced
                                          where distinct_key is null));

insert into marts.kpi_facts by name
select * from kpi_facts_derived
where (metric, day, source_unit, distinct_key) in (select metric, day, source_unit, distinct_key
                                                   from kpi_cells_replaced where distinct_key is not null)
   or (distinct_key is null
       and (metric, day, source_unit) in (select metric, day, source_unit from kpi_cells_replaced
                                          where distinct_key is null));

create or replace temp table kpi_counted_after as
select * from marts.kpi_facts
where day <= $as_of::date
  and ((metric, distinct_key) in (select metric, distinct_key from kpi_keys_recounted)
       or (distinct_key is null
           and (metric, day, source_unit) in (select metric, day, source_unit from kpi_cells_recounted
                                              where distinct_key is null)));
