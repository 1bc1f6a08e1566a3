-- 触发反馈 rows as the files show them: business and its outcome named in Chinese
create or replace temp view feedback_rows as
select
    -- the row's place in the mart, to read the few rows a run sends by it (stable within the run)
    rowid as mart_row,
    * replace (
        core.business_zh(business) as business,
        case when business = 'procurement' then
                 case business_outcome when 'granted' then '已中标（成交）' when 'cancelled' then '已撤销中标（成交）' end
             else case business_outcome when 'granted' then '同意' when 'refused' then '不同意' when 'pending' then '待审批' end
        end as business_outcome
    )
from marts.trigger_feedback;
