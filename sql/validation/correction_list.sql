-- What each source unit must correct and resubmit: its quarantined rows and warnings (of each record's latest
-- delivery only: a record sent again since is no longer outstanding), in Chinese, plus lines and
-- files that could not be read at all, files not loaded because they lie outside every date folder (listed for the
-- one unit named inside them, else （未填报单位）), and records withdrawn because a re-sent day no longer holds them.
-- A control character in a delivered value is shown as its picture (NUL as ␀): a workbook cannot hold it, and staff
-- must see where it is.
with found as (
    -- the records a problem was ever found in: only their deliveries matter below, not the millions without one
    select source, record_key, reporting_date from quality.rejections where record_key is not null
),

last_delivered as (
    -- the last day each such record was delivered, accepted or not. A problem found in an earlier delivery of a
    -- record the unit has sent again since is no longer the unit's to correct: the list shows what is outstanding,
    -- and the new delivery's own problems, if any, are listed under it
    select source, record_key, max(reporting_date) as last_day
    from (
        select source, record_key, reporting_date from found
        union all
        select source, record_key, reporting_date from ({{deliveries}})
        where (source, record_key) in (select source, record_key from found)
    )
    group by source, record_key
),

violations as (
    select
        staging.unit_label(source_unit) as unit,
        source,
        reporting_date,
        source_file,
        sheet,
        source_row,
        record_key,
        field,
        -- an identity number in the value is masked: the file and row name the record for the unit
        staging.mask_ids_in_text(staging.visible_controls(value)) as value,
        message_zh,
        rule_id,
        case severity when 'reject' then '拒收：请更正后重新报送' else '警告：已入库，请核实' end as action,
        message_en
    from quality.rejections
    left join last_delivered using (source, record_key)
    where quality.rejections.record_key is null or quality.rejections.reporting_date >= last_delivered.last_day
    -- a rejected row is listed with the reasons it was rejected for only: its warnings would call it 已入库 (accepted)
    qualify severity = 'reject'
        or not bool_or(severity = 'reject') over (partition by source, reporting_date, source_file, sheet, source_row)
),
unreadable as (
    select
        '（文件或行无法解析）' as unit,
        source,
        reporting_date,
        source_file,
        sheet,
        source_row,
        null as record_key,
        null as field,
        staging.mask_ids_in_text(staging.visible_controls(left(raw_content, 500))) as value,
        reason_zh as message_zh,
        reason_code as rule_id,
        '拒收：请修正文件后重新报送' as action,
        reason_en as message_en
    from raw.rejections
),
strays as (
    select
        staging.unit_label(source_unit) as unit,
        source,
        reporting_date,
        source_file,
        null as sheet,
        null as source_row,
        null as record_key,
        null as field,
        null as value,
        message_zh,
        reason_code as rule_id,
        '未装载：请按说明放入正确的文件夹' as action,
        message_en
    from raw.landing_files
    where reporting_date is null
),
dropped as (
    -- records a re-sent day no longer holds: withdrawn, which a clerk who dropped rows by accident must see
    select
        staging.unit_label(source_unit) as unit,
        source,
        reporting_date,
        source_file,
        sheet,
        source_row,
        record_key,
        null as field,
        null as value,
        case kind
            when 'reverted' then '重新报送的文件中已不含该记录，已恢复为此前报送的版本；如系误删，请重新报送'
            else '重新报送的文件中已不含该记录，已撤下；如系误删，请重新报送'
        end as message_zh,
        null as rule_id,
        case kind when 'reverted' then '提示：已恢复此前版本，请核实' else '提示：已撤下，请核实' end as action,
        case kind
            when 'reverted' then 'reverted to an earlier day''s version: the re-sent file no longer holds this record'
            else 'withdrawn: the re-sent file no longer holds this record; re-send it if it was dropped by mistake'
        end as message_en
    from quality.dropped_on_resend
)
select
    unit as "数据来源单位",
    source as "数据源",
    reporting_date as "报送日期",
    source_file as "文件",
    sheet as "工作表",
    source_row as "行号",
    record_key as "记录标识",
    field as "字段",
    value as "原值",
    message_zh as "问题说明",
    rule_id as "规则编号",
    action as "处理要求",
    message_en as "Issue (English)"
from (select * from violations
union all by name
select * from unreadable
union all by name
select * from strays
union all by name
select * from dropped)
order by "数据来源单位", "数据源", "报送日期", "文件", "行号", "规则编号";
