-- 措施变化: by measure and reason, how many screened parties of the window it newly applies to or no longer does.
with before as (
    select distinct business, business_key, subject_key, reason, measure_id, measure_name
    from baseline.screening_reasons where screening_date between $from_day and $to_day
),
after as (
    select distinct business, business_key, subject_key, reason, measure_id, measure_name
    from marts.screening_reasons where screening_date between $from_day and $to_day
),
changed as (
    select *, 1 as newly, 0 as lifted from (
        from after
        except
        from before
    )
    union all
    select *, 0, 1 from (
        from before
        except
        from after
    )
)
select
    coalesce(measure_name, measure_id, '—') as 措施,
    whatif_reason_zh(reason) as 限制原因,
    sum(newly)::bigint as 新增适用,
    sum(lifted)::bigint as 不再适用
from changed
group by all
order by 措施, 限制原因
