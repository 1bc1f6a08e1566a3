-- 未脱敏身份证号: every identity number anywhere in the text of a relation, as (column_name, number), found as
-- staging.ids_in_text finds them: full-width digits, spaces or hyphens inside the number, and the old 15-digit form.
-- A document-number column may hold a number of that shape by chance (license numbers built as region + date +
-- serial pass the check character 1 time in 11): there, only the ID of a person the warehouse knows is a finding,
-- compared by salted key as core stores it. A registration code (an old 15-digit 工商注册号 has a first-generation
-- ID's shape) counts only as an 18-character number that passes the ID check.
with flagged as (
    -- one test per row over its values joined by '|' (not a separator the search allows inside a number, so no
    -- number spans two values); only rows that match are split into cells. Unpivoting every value first cost 3x
    -- at a province's 7.5M records.
    select * exclude (row_text)
    from (select *, concat_ws('|', *columns(*)) as row_text from {{relation}})
    where len(staging.ids_in_text(row_text)) > 0
),
cells as (
    unpivot (select columns(*)::varchar from flagged) on columns(*) into name column_name value cell
),
candidates as (
    select distinct column_name, unnest(staging.ids_in_text(cell)) as number
    from cells
)
select column_name, number
from candidates
where case
    when list_contains($document_columns, column_name)
        then length(number) = 18 and core.person_key(number, $salt) in (select subject_key from core.subjects)
    when list_contains($code_columns, column_name) then length(number) = 18 and staging.id_valid(number, current_date)
    else true
end
order by column_name, number;
