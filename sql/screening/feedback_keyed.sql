-- The rows of the entries and months that changed, each by its key and content hash only (narrow: the rows
-- sent are read whole later, from the few that differ)
create or replace temp table feedback_keyed as
select
    hashed.mart_row,
    hashed.event_id,
    hashed.period,
    hashed.reports_on,
    hashed.content,
    -- two rows on the same business and measure (two lots of one project) are told apart by their content
    hash(hashed.reports_on, row_number() over (partition by hashed.reports_on order by hashed.content)) as row_key
from feedback_hashed as hashed
semi join feedback_changed_months as changed on changed.event_id = hashed.event_id and changed.period = hashed.period
