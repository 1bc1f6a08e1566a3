-- 重新报送: a record the partition held before, which the re-sent files no longer hold (not even as a rejected row)
-- and no other delivery holds either, is withdrawn: published as 撤下. Nobody may learn that from the 双公示 files
-- alone, so it is kept here for the run summary and the unit's correction list, until a delivery holds it again.
delete from quality.dropped_on_resend
where source = $source
  and record_key in (select latest_keys.record_key from latest_keys)
  and record_key in (select latest.record_key from {{latest}} as latest);

insert into quality.dropped_on_resend
with dropped as (
    select previous_delivery.*
    from previous_delivery
    anti join validated
        on validated.reporting_date = previous_delivery.reporting_date
        and validated.record_key = previous_delivery.record_key
),
withdrawn as (
    -- a record another day still holds keeps its version from that day: it is not withdrawn
    select dropped.*
    from dropped
    anti join {{latest}} as latest on latest.record_key = dropped.record_key
)
select
    $source as source,
    withdrawn.reporting_date,
    withdrawn.record_key,
    withdrawn.source_file,
    withdrawn.sheet,
    withdrawn.source_row,
    withdrawn.source_unit,
    $run_id as run_id,
    now() as dropped_at
from withdrawn
anti join quality.dropped_on_resend as known
    on known.source = $source
    and known.reporting_date = withdrawn.reporting_date
    and known.record_key = withdrawn.record_key;
