-- model: core.case_effects · table
-- 修复与异议: what a repair or an objection does to a record, matched by the record's document number
-- (and subject, where the case names one). One row per case and event.
create or replace table core.case_effects as
with first_reports as (
    -- an objection is known (and suspends its record) from its first delivery; its verdict from the latest
    select source, case_no, min(reporting_date) as first_reported
    from (select source, case_no, reporting_date from staging.objections
          union all
          select source, case_no, reporting_date from staging.repairs)
    group by all
),
repairs as (
    select
        'repair' as case_kind, case_no, core.subject_key(uscc, person_id_no, $salt) as subject_key, record_doc_no,
        applied_on as opened_on, decided_on as closed_on, decision as outcome, null as correction,
        reporting_date as reported_on, source, source_file, source_row
    from staging.repairs_latest
),
objections as (
    select
        'objection' as case_kind, case_no, core.subject_key(uscc, person_id_no, $salt) as subject_key, record_doc_no,
        accepted_on as opened_on, closed_on, verdict as outcome, correction,
        reporting_date as reported_on, source, source_file, source_row
    from staging.objections_latest
)
select
    events.event_id,
    events.subject_key,
    cases.* exclude (subject_key, source),
    first_reports.first_reported,
    -- 《信用修复管理办法》: repair only after the minimum period; an earlier approval is applied (it is the
    -- deciding department's decision) but flagged for review
    cases.case_kind = 'repair' and cases.outcome = '同意' and cases.closed_on < events.min_until as repaired_before_min,
    -- REFERENCE §4: a repair needs a public credit commitment (信用修复型, policy commitments.repair_type) made on or
    -- before its decision date; one granted without it is honoured (the department decided) but flagged for review
    cases.case_kind = 'repair' and cases.outcome = '同意' and not exists (
        select 1 from core.commitments as c
        where c.subject_key = events.subject_key and c.for_repair and c.is_public and c.committed_on <= cases.closed_on
    ) as repaired_without_commitment,
    case when cases.case_kind = 'repair' and cases.outcome = '同意' and not exists (
        select 1 from core.commitments as c
        where c.subject_key = events.subject_key and c.for_repair and c.is_public and c.committed_on <= cases.closed_on
    ) then '修复决定日（' || strftime(cases.closed_on, '%Y-%m-%d') || '）前未见主体公开作出的信用修复型信用承诺（REFERENCE §4：'
           || '修复须作出公开信用承诺），修复已生效，请复核 / no public 信用修复型 commitment on or before the decision '
           || 'date: the repair is honoured but flagged for review'
    end as review_reason
from (select * from repairs
union all
select * from objections) as cases
join first_reports using (source, case_no)
join core.credit_events as events
    -- a case concerns the record; its versions share its effects (marts.event_timelines)
    on events.superseded_on is null
    and events.record_doc_no = cases.record_doc_no
    and (cases.subject_key is null or cases.subject_key = events.subject_key);
comment on table core.case_effects is '修复与异议 / repair and objection cases, each joined to the record it concerns';
