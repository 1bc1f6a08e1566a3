-- The policy file as tables, so every derivation joins it instead of hard-coding it.
create or replace table core.publicity_regimes as
select * from (select unnest($regimes::struct(name varchar, "from" date, "to" date, general_min integer,
    general_max integer, serious_min integer, serious_max integer, minor_max integer)[], recursive := true));
comment on table core.publicity_regimes is '公示期限规则 / publicity regimes by decision date, months (policy/policy.yaml)';

create or replace table core.measures as
select * from read_csv($measures_path, header = true, all_varchar = true);
comment on table core.measures is '联合奖惩措施清单 / the measures catalogue (policy/measures.csv)';

create or replace table core.screening_verdicts as
select * from read_csv($verdicts_path, header = true, all_varchar = true);
comment on table core.screening_verdicts is '筛查结论 / what a screening verdict means and how feedback words it (policy/verdicts.csv)';
