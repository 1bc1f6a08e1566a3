-- One file per department and month with feedback to send: the month's main file if nothing was sent for it
-- yet, else a supplement
select
    delta.initiating_department,
    delta.period,
    count(*) as row_count,
    bool_or(sent.period is not null) as is_supplement
from feedback_delta as delta
left join (select distinct initiating_department, period from publish.feedback_files) as sent
    on sent.initiating_department is not distinct from delta.initiating_department and sent.period = delta.period
group by all
order by delta.initiating_department, delta.period
