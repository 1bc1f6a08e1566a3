-- 数据质量汇总: what each source received, accepted, rejected and reported late in the report period.
select
    source as "数据源",
    sum(rows_received) as "报送记录数",
    sum(rows_accepted) as "入库记录数",
    sum(rows_rejected) as "拒收记录数",
    sum(rows_with_warnings) as "有警告记录数",
    sum(rows_late) as "超期报送数",
    round(sum(rows_accepted) / nullif(sum(rows_received), 0), 4) as "入库率"
from quality.summary
where reporting_date between $start::date and $end::date
group by source
order by source;
