-- 国家模板格式检查 (REFERENCE §3): every value of a written import file read back as text, against the template's
-- form. Dates as YYYY/MM/DD (2099/12/31 for 长期), 当前状态 as 1 or 2, amounts as plain numbers, no line break in
-- any value. One row per column and problem, with the first file row and an example.
with numbered as (
    select row_number() over () as file_row, * from {{relation}}
),
cells as (
    unpivot numbered on columns(* exclude (file_row)) into name column_name value cell
),
judged as (
    select
        file_row,
        column_name,
        cell,
        case when list_contains($date_columns, column_name) and not regexp_full_match(cell, '\d{4}/\d{2}/\d{2}')
                 then 'date'
             when list_contains($status_columns, column_name) and cell not in ('1', '2') then 'status'
             when list_contains($amount_columns, column_name) and not regexp_full_match(cell, '\d+(\.\d*[1-9])?')
                 then 'amount'
             when regexp_matches(cell, '[\r\n]') then 'line_break'
        end as problem
    from cells
)
select column_name, problem, count(*) as cells, min(file_row) as first_row, min(cell) as example
from judged
where problem is not null
group by column_name, problem
order by column_name, problem;
