-- 典型案例: joint punishment (a restricted award or application, with the record that restricted it) and joint
-- reward (a red-listed or class-A subject given a reward measure) in the report period, largest amounts first.
with punished as (
    select
        '联合惩戒' as "类型",
        screenings.business as "业务",
        screenings.reference as "项目/申请编号",
        screenings.title as "项目/事项",
        screenings.subject_name as "主体",
        screenings.decided_on as "决定日期",
        screenings.amount_yuan::double as "金额（元）",
        reasons.measure_name as "措施",
        reasons.evidence_record as "依据记录",
        reasons.evidence_file || '#' || reasons.evidence_row as "证据来源"
    from marts.screenings as screenings
    join marts.screening_reasons as reasons
        on reasons.business = screenings.business and reasons.business_key = screenings.business_key
        and reasons.subject_key = screenings.subject_key
    where screenings.restricted and screenings.decided_on between $start::date and $end::date
),
rewarded as (
    select
        '守信激励' as "类型", business as "业务", reference as "项目/申请编号", title as "项目/事项",
        subject_name as "主体", decided_on as "决定日期", amount_yuan::double as "金额（元）",
        array_to_string(advisory_rewards, '；') as "措施",
        case when red then '红名单' else '信用等级' || credit_class end as "依据记录",
        source_file || '#' || source_row as "证据来源"
    from marts.screenings
    where len(advisory_rewards) > 0 and decided_on between $start::date and $end::date
),
-- equal amounts are ordered by date, reference, record and measure, so a re-run picks and shows the same ten
top_punished as (
    select * from punished
    order by "金额（元）" desc nulls last, "决定日期", "项目/申请编号", "依据记录", "措施"
    limit 10
),
top_rewarded as (
    select * from rewarded
    order by "金额（元）" desc nulls last, "决定日期", "项目/申请编号", "依据记录", "措施"
    limit 10
)
select * exclude (part)
from (
    select 1 as part, * from top_punished
    union all
    select 2 as part, * from top_rewarded
)
order by part, "金额（元）" desc nulls last, "决定日期", "项目/申请编号", "依据记录", "措施";
