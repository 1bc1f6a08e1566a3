-- Replace the partitions' accepted rows: no reject-level rule failed. Warnings travel with the row.
delete from {{table}} where list_contains($reporting_dates::date[], reporting_date);
insert into {{table}} by name
select
    validated.* exclude (failed_rules),
    list_filter(failed_rules, rule -> not list_contains($reject_rules, rule)) as warning_rules
from validated
where not list_has_any(failed_rules, $reject_rules);
