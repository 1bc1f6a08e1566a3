-- 操作清单: what the platform must do with each changed record, beside the import file (REFERENCE §3): 新增 and
-- 更新 name the import file's row; 撤下 names the record to take down and why (行政处罚法 第四十八条: a published
-- decision that is changed or revoked is withdrawn within 3 days, with the reason stated).
create or replace temp table {{operations}} as
with changed as (
    select
        changes.*,
        case when changes.action <> '撤下' then
            row_number() over (partition by changes.action <> '撤下' order by changes.action, changes.record_key)
        end as import_row
    from {{changes}} as changes
),
withdrawn_version as (
    -- the withdrawn record's last version delivered by the day, with what ended it (its timeline: a revocation, or
    -- an end before its publicity ended and before a later version, which only an approved repair gives)
    select
        events.record_key,
        events.active_to,
        events.published,
        timeline.revoked_known,
        case when timeline.effect_to < events.active_to
                  and (events.superseded_on is null or timeline.effect_to < events.superseded_on)
             then timeline.effect_to end as repaired_known,
        timeline.event_id is not null and marts.event_state(timeline, $as_of::date).suspended as suspended
    from core.credit_events as events
    left join marts.event_timelines as timeline using (event_id)
    where events.source = $source
      and events.record_key in (select changed.record_key from changed where changed.action = '撤下')
      and events.known_from <= $as_of::date
    qualify row_number() over (partition by events.record_key order by events.known_from desc, events.event_id desc) = 1
)
select
    changed.import_row,
    changed.action,
    changed.decision_doc_no,
    -- a withdrawn record's name comes from the history, which may hold what an older publication wrote
    staging.mask_ids_in_text(changed.subject_name) as subject_name,
    case when changed.action = '撤下' then
        case when changed.record_key in (select held.record_key from {{held}} as held)
                  then '暂缓公示：新版本含身份证号码，待数据来源单位更正 / held back: its new version holds an ID number'
             -- no version left: held for a same-day conflict, dropped by a re-sent day, or gone otherwise
             when withdrawn_version.record_key is null and changed.record_key in (
                      select conflict.record_key from quality.rejections as conflict
                      join quality.rules as rules on rules.id = conflict.rule_id and rules.kind = 'same_day_conflict'
                      where conflict.source = $source and conflict.reporting_date <= $as_of::date)
                  then '暂缓公示：同一报送日两个文件内容不一致，待数据来源单位确认 / held back: two files of one day differ'
             when withdrawn_version.record_key is null and changed.record_key in (
                      select dropped.record_key from quality.dropped_on_resend as dropped
                      where dropped.source = $source and dropped.reporting_date <= $as_of::date
                        and dropped.kind is distinct from 'reverted')
                  then '重新报送的文件中已不含该记录 / the re-sent file no longer holds it'
             when withdrawn_version.record_key is null
                  then '记录已不在报送数据中 / no longer in the delivered data'
             when withdrawn_version.revoked_known <= $as_of::date
                  then '经异议核实或决定撤销，予以撤下 / revoked'
             when withdrawn_version.repaired_known <= $as_of::date
                  then '信用修复，停止公示 / credit repaired'
             when withdrawn_version.active_to <= $as_of::date
                  then '公示期满 / publicity period ended'
             when withdrawn_version.suspended and $objection_withholds
                  then '异议处理中，暂停公示 / withheld while under objection'
             when not withdrawn_version.published
                  then '按规定不予公示（如轻微处罚） / not to be published (e.g. minor)'
             else '数据来源单位更正或撤回 / corrected or withdrawn by the delivering unit'
        end
    end as reason
from changed
left join withdrawn_version using (record_key)
order by changed.action <> '撤下' desc, changed.import_row, changed.record_key;
