-- 暂缓公示: the new or changed records of a publication frame that still carry an identity number once free text is
-- masked are held back, each alone, with where it came from (file, row, field), so that their unit can correct
-- them and the rest is published. The numbers are found as the leak scan finds them (staging.ids_in_text:
-- full-width digits, spaces and hyphens, the 15-digit form). In a document-number column only the ID of a person
-- the warehouse knows counts, and in a registration-code column only an 18-character number that passes the
-- ID check (see unmasked_ids.sql).
create or replace temp table {{frame}}_held as
with flagged as (
    select * exclude (row_text)
    from (select *, concat_ws('|', *columns(* exclude (record_key))) as row_text from {{relation}})
    where len(staging.ids_in_text(row_text)) > 0
),
cells as (
    unpivot (select record_key, columns(* exclude (record_key))::varchar from flagged)
    on columns(* exclude (record_key)) into name column_name value cell
),
found as (
    select distinct record_key, column_name, unnest(staging.ids_in_text(cell)) as number
    from cells
),
delivered as (
    -- the version the frame shows: the one delivered by the day (double_publicity.sql)
    select versions.record_key, versions.source_file, versions.source_row, versions.source_unit
    from {{table}} as versions
    semi join found using (record_key)
    where versions.reporting_date <= $as_of::date
    qualify row_number() over (
        partition by versions.record_key
        order by versions.reporting_date desc, versions.ingested_at desc, versions.source_file desc, versions.source_row desc
    ) = 1
)
select found.record_key, found.column_name, core.mask_id(found.number) as masked_number, delivered.source_file,
    delivered.source_row, delivered.source_unit
from found
left join delivered using (record_key)
where case
    when list_contains($document_columns, found.column_name)
        then length(found.number) = 18
            and core.person_key(found.number, $salt) in (select subject_key from core.subjects)
    when list_contains($code_columns, found.column_name)
        then length(found.number) = 18 and staging.id_valid(found.number, current_date)
    else true
end
order by found.record_key, found.column_name;

delete from {{frame}} where record_key in (select held.record_key from {{frame}}_held as held);
delete from {{frame}}_digest where record_key in (select held.record_key from {{frame}}_held as held);
