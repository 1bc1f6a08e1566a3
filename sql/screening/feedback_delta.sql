-- What a run sends: the closed months' feedback rows new or changed since the last version sent of each (by key
-- and content hash), and the rows sent that the feedback no longer holds, withdrawn with the reason. Rows are
-- matched by month and row key (a hash over the entry, business, measure and month: joins on it are fast).
create or replace temp table feedback_delta as
with held as (
    -- what each department holds now of the entries and months that changed: the last version sent of each row,
    -- narrow (keys and content hash). The months a day changes can hold most rows sent (7.7M of 8.7M in the 10M
    -- bench): joined wide, the rows sent were copied into every hash table, 16 s of the day
    select
        sent.period,
        sent.row_key,
        max(sent.sent_batch) as sent_batch,
        arg_max(sent.content_hash, sent.sent_batch) as content_hash,
        arg_max(sent.change_type, sent.sent_batch) as change_type
    from publish.feedback_sent as sent
    semi join feedback_changed_months as changed on changed.event_id = sent.event_id and changed.period = sent.period
    group by sent.period, sent.row_key
),
compared as (
    -- each row of those months now against the row the department holds, unless it was withdrawn: both ways in
    -- one join. New, changed (another content), or withdrawn (no longer in the feedback)
    select
        keyed.mart_row,
        coalesce(keyed.period, in_force.period) as period,
        coalesce(keyed.row_key, in_force.row_key) as row_key,
        in_force.sent_batch,
        case when in_force.row_key is null then 'new' when keyed.row_key is null then 'withdrawn' else 'changed' end
            as change
    from feedback_keyed as keyed
    full join (select * from held where held.change_type <> 'withdrawn') as in_force
        on in_force.period = keyed.period and in_force.row_key = keyed.row_key
    where in_force.row_key is null or keyed.row_key is null or in_force.content_hash <> keyed.content
),
earlier as (
    -- the rows sent before that are changed or withdrawn now, read whole
    select sent.*, compared.change
    from publish.feedback_sent as sent
    join compared
        on compared.period = sent.period and compared.row_key = sent.row_key and compared.sent_batch = sent.sent_batch
),
new_or_changed as (
    -- those rows as the file shows them, read by their place in the mart
    select hashed.*, compared.row_key, compared.change, earlier.feedback_file as earlier_file
    from feedback_hashed as hashed
    join compared on compared.mart_row = hashed.mart_row
    left join earlier on earlier.period = compared.period and earlier.row_key = compared.row_key
    where hashed.mart_row in (select sent_keys.mart_row from compared as sent_keys)
),
entry_months as (
    select distinct event_id, period from feedback_keyed
),
gone as (
    select
        earlier.*,
        case
            when entry_months.event_id is not null and earlier.business is null
                then '本期已有相关业务，见本文件新增行 / superseded: business with the subject in the month came to light'
            when entry_months.event_id is not null
                then '该业务不再属于本条目（业务或核查已更正）/ the business no longer falls under this entry (corrected)'
            else '名单条目已撤销、更正或不再覆盖本月 / the list entry was withdrawn, corrected or no longer covers the month'
        end as reason
    from earlier
    left join entry_months on entry_months.event_id = earlier.event_id and entry_months.period = earlier.period
    where earlier.change = 'withdrawn'
),
withdrawn as (
    select
        gone.initiating_department,
        gone.period,
        gone.event_id,
        gone.list_type,
        gone.record_doc_no,
        subjects.subject_name,
        gone.subject_key,
        gone.business,
        gone.reference,
        null::varchar as title,
        gone.screening_date,
        gone.measure_id,
        null::varchar as measure_name,
        null::varchar as legal_basis,
        null::varchar as business_outcome,
        null::varchar as verdict,
        '撤回 / withdrawn：' || gone.reason as outcome,
        gone.row_key,
        gone.content_hash as content,
        'withdrawn' as change,
        gone.feedback_file as earlier_file
    from gone
    left join core.subjects as subjects using (subject_key)
),
sent_now as (
    select
        initiating_department, period, event_id, list_type, record_doc_no, subject_name, subject_key, business,
        reference, title, screening_date, measure_id, measure_name, legal_basis, business_outcome, verdict, outcome,
        row_key, content, change, earlier_file
    from new_or_changed
    union all
    select * from withdrawn
)
select
    *,
    case change when 'new' then '新增' when 'changed' then '更正' else '撤回' end as change_label,
    -- the earlier file by its name: the department has it under the same month
    regexp_extract(earlier_file, '[^/]*$') as earlier_file_name
from sent_now
