-- The single-pass validator: type the partition's raw rows and evaluate every rule of quality/rules.csv
-- on each, in one scan. The typed step is sql/staging/typed_<source>.sql; the checks are compiled from the rules.
create or replace temp table validated as
with typed as (
{{typed}}
)
select typed.*, {{checks}} as failed_rules
from typed;
