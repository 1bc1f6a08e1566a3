-- 信用查询记录率: the share of awards with a recorded credit check, and checks made before the bid deadline.
select purchaser, count(distinct business_key) as awards,
       count(distinct business_key) filter (where credit_check_recorded) as with_check,
       count(distinct business_key) filter (where check_before_deadline) as before_deadline,
       round(count(distinct business_key) filter (where credit_check_recorded) / count(distinct business_key), 4) as check_rate
from marts.screenings
where business = 'procurement'
group by all
order by check_rate;
