-- 信用等级分布: how many subjects are in each class today.
select credit_class, count(*) as subjects
from marts.credit_standing_history
where valid_from <= coalesce(getvariable('as_of'), current_date)
  and (valid_to is null or coalesce(getvariable('as_of'), current_date) < valid_to)
group by all
order by credit_class;
