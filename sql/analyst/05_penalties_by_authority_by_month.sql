-- 各处罚机关按月处罚数: current versions of penalty decisions, by authority and month of decision.
select authority, date_trunc('month', decision_date)::date as month, count(*) as penalties,
       sum(fine_10k_yuan) as fines_10k_yuan
from staging.penalties_latest
group by all
order by month, authority;
