-- 全量分片指纹: each part of a source's whole set as this publication shows it (the history: its rows and an
-- order-free sum of their content hashes, with the layout of its files), beside the part in force, written on an
-- earlier full-set day. A part whose fingerprint differs, or that is new, is written again; one with no rows left
-- leaves the set.
with shown as (
    select history.part, count(*) as shown_rows, sum(hash(history.record_key, history.content_hash)) as content_sum
    from publish.double_publicity_history as history
    where history.source = $source and history.published_to is null
    group by history.part
),
written as (
    select parts.part, parts.fingerprint, parts.folder, parts.files, parts.rows
    from publish.double_publicity_parts as parts
    where parts.source = $source and parts.in_force_to is null
)
select
    coalesce(shown.part, written.part) as part,
    coalesce(shown.shown_rows, 0) as shown_rows,
    shown.content_sum,
    case when shown.part is not null then $file_layout || ':' || shown.shown_rows || ':' || shown.content_sum end
        as fingerprint,
    written.fingerprint as written_fingerprint,
    written.folder,
    written.files
from shown
full join written using (part)
order by part;
