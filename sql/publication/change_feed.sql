-- 变更数据: what the platform must apply since the previous publication: 新增 (new), 更新 (content changed,
-- e.g. a correction), 撤下 (withdrawn: expired, repaired, revoked or under objection). The previous publication
-- is what the history shows as open. {{records}} is the frame's own filter: a frame of the changed records only is
-- compared with their history only.
create or replace temp table {{changes}} as
with current_pub as (
    select record_key, decision_doc_no, subject_name, content_hash, part from {{frame}}_digest
),
previous_pub as (
    select * from publish.double_publicity_history as history
    where history.source = $source and history.published_to is null and {{records}}
)
select
    case when previous_pub.record_key is null then '新增'
         when current_pub.record_key is null then '撤下'
         else '更新' end as action,
    coalesce(current_pub.record_key, previous_pub.record_key) as record_key,
    coalesce(current_pub.decision_doc_no, previous_pub.decision_doc_no) as decision_doc_no,
    coalesce(current_pub.subject_name, previous_pub.subject_name) as subject_name,
    current_pub.content_hash,
    coalesce(current_pub.part, previous_pub.part) as part
from current_pub
full join previous_pub using (record_key)
where previous_pub.record_key is null
   or current_pub.record_key is null
   or current_pub.content_hash <> previous_pub.content_hash
order by action, record_key;
