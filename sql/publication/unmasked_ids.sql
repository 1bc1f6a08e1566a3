-- 未脱敏身份证号: every valid identity number anywhere in the text of a relation, as (column_name, number).
-- A document-number column may hold a number of that shape by chance (license numbers built as region + date +
-- serial pass the check character 1 time in 11): there, only the ID of a person the warehouse knows is a finding,
-- compared by salted key as core stores it.
with flagged as (
    -- one regex test per row over its values joined by '|' (no digit, so no number spans two values); only
    -- rows that match are split into cells. Unpivoting every value first cost 3x at a province's 7.5M records.
    select * exclude (row_text)
    from (select *, concat_ws('|', *columns(*)) as row_text from {{relation}})
    where regexp_matches(row_text, $pattern)
),
cells as (
    unpivot (select columns(*)::varchar from flagged) on columns(*) into name column_name value cell
),
candidates as (
    select distinct column_name, upper(unnest(regexp_extract_all(cell, $pattern))) as number
    from cells
    where regexp_matches(cell, $pattern)
)
select column_name, number
from candidates
where staging.id_valid(number, current_date)
  and (not list_contains($document_columns, column_name)
       or core.person_key(number, $salt) in (select subject_key from core.subjects))
order by column_name, number;
