-- One raw table's non-empty values per field, unit and subject type, over its partitions due (marts/kpi_presence)
unpivot (
    select {{source}} as source, reporting_date, source_unit, subject_type, count(*) as rows_received,
           count(nullif(trim(columns(* exclude (source, reporting_date, source_unit, subject_type, source_file,
               file_sha256, sheet, source_row, header_style, extras, ingested_at, run_id))), ''))
    from {{raw_table}}
    where reporting_date in (select reporting_date from kpi_partitions_due where source = {{source}})
    group by reporting_date, source_unit, subject_type
) on columns(* exclude (source, reporting_date, source_unit, subject_type, rows_received))
into name field value present
union all by name
-- the unit and the subject type are items too (they are this query's group keys)
select {{source}} as source, reporting_date, source_unit, subject_type, count(*) as rows_received, field,
    case when nullif(trim(case field when 'source_unit' then source_unit else subject_type end), '') is not null
         then count(*) else 0 end as present
from {{raw_table}}
cross join (values ('source_unit'), ('subject_type')) as keys (field)
where reporting_date in (select reporting_date from kpi_partitions_due where source = {{source}})
group by reporting_date, source_unit, subject_type, field
