-- 重新报送: a record the partition held before, which the re-sent files no longer hold (not even as a rejected row),
-- is withdrawn (published as 撤下) when no other delivery holds it, or reverted when an earlier day's version is in
-- force again (published as 更新, back to a version the unit had corrected). Nobody may learn either from the 双公示
-- files alone, so it is kept here for the run summary and the unit's correction list, until a delivery holds it again.
-- It is settled once a delivery of its day or later holds the record again, accepted or rejected (a rejected row is on
-- the list for its own reason). A withdrawn one is also settled by any version in force; a reverted one is in force
-- all along, at its earlier day's version.
delete from quality.dropped_on_resend as noted
where noted.source = $source
  and (
      exists (
          select 1 from validated
          where validated.record_key = noted.record_key and validated.reporting_date >= noted.reporting_date
      )
      or exists (
          select 1 from {{latest}} as latest
          where latest.record_key = noted.record_key
            and (noted.kind is distinct from 'reverted' or latest.reporting_date >= noted.reporting_date)
      )
  );

insert into quality.dropped_on_resend
with dropped as (
    select previous_delivery.*
    from previous_delivery
    anti join validated
        on validated.reporting_date = previous_delivery.reporting_date
        and validated.record_key = previous_delivery.record_key
),
withdrawn as (
    -- a record another day still holds goes back to its version from that day: reverted, not withdrawn
    select
        dropped.*,
        case when latest.record_key is null then 'withdrawn' else 'reverted' end as kind
    from dropped
    left join {{latest}} as latest on latest.record_key = dropped.record_key
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
    now() as dropped_at,
    withdrawn.kind
from withdrawn
anti join quality.dropped_on_resend as known
    on known.source = $source
    and known.reporting_date = withdrawn.reporting_date
    and known.record_key = withdrawn.record_key;
