-- 触发反馈 rows as the files show them: business named in Chinese
create or replace temp view feedback_rows as
select
    * replace (case business when 'procurement' then '政府采购' when 'subsidy' then '财政补助'
                             when 'policy_support' then '政策扶持' when 'ppp' then 'PPP' end as business)
from marts.trigger_feedback;
