-- 异议更正: the field values an objection closed with 更正 by $as_of puts in place of the delivered ones, one row
-- per record and field. Names are canonical or Chinese; the latest closed verdict for a record wins.
with verdicts as (
    select latest.record_key, core.correction_map(max_by(objections.correction, objections.closed_on)) as corrected
    from staging.objections_latest as objections
    join {{table}} as latest on latest.decision_doc_no = objections.record_doc_no
    where objections.verdict = '更正'
      -- known by as_of: closed, and delivered
      and greatest(objections.closed_on, objections.reporting_date) <= $as_of::date
    group by latest.record_key
)
select record_key, entry.key as field, entry.value as value
from (select record_key, unnest(map_entries(corrected)) as entry from verdicts);
