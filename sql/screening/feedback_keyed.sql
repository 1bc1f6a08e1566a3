-- The feedback rows of the entries and months that changed, each with its key
create or replace temp table feedback_keyed as
select
    hashed.*,
    -- two rows on the same business and measure (rare: two lots of one project) are told apart by their content
    hash(hashed.reports_on, row_number() over (partition by hashed.reports_on order by hashed.content)) as row_key
from feedback_hashed as hashed
semi join feedback_changed_months as changed on changed.event_id = hashed.event_id and changed.period = hashed.period
