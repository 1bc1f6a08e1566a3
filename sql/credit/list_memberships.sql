-- model: marts.list_memberships · table
-- 红黑名单: list memberships as intervals, as the bureau knows them now (a revocation since then shows as
-- exit_reason revoked, with no effect from the start). Each entry also keeps when each of its exits became known,
-- so marts.list_exit gives its exit as known on any day (issue 21).

-- 名单移出: an entry's exit and why, from what was known by day t (date 'infinity': everything known now).
-- A revoked entry never had effect: it exits the day it entered. Else the earliest of an approved repair, the
-- correction that made the record no basis, and the term of the latest version known.
create or replace macro marts.list_exit_of(entered_on, known) as case
    when known.revoked_known is not null then { 'exit_on': entered_on, 'exit_reason': 'revoked' }
    when known.repaired_on < coalesce(least(known.version.until, known.corrected_known), date 'infinity')
        then { 'exit_on': known.repaired_on, 'exit_reason': 'repaired' }
    when least(known.version.until, known.corrected_known) is not null
        then { 'exit_on': least(known.version.until, known.corrected_known),
               'exit_reason': case when known.corrected_known is not null
                                        and (known.version.until is null or known.corrected_known < known.version.until)
                                   then 'corrected' else known.version.end_reason end }
    else { 'exit_on': null::date, 'exit_reason': null::varchar }
end;

create or replace macro marts.list_exit(entered_on, versions, corrected_on, cases, t) as marts.list_exit_of(entered_on, {
    'revoked_known': list_min(list_transform(list_filter(cases, c -> c.kind = 'revoked' and c.known <= t), c -> c.known)),
    'repaired_on': list_min(list_transform(list_filter(cases, c -> c.kind = 'repaired' and c.known <= t), c -> c.day)),
    'version': list_last(list_filter(versions, v -> v.known_from <= t)),
    'corrected_known': case when corrected_on <= t then corrected_on end
});

create or replace table marts.list_memberships as
with listed_records as (
    -- only a record some version of which is a basis has an entry: most never are (licences, minor penalties). List
    -- criteria from policy/policy.yaml (lists): the black list's are the timelines' own (black_basis). Found from
    -- the basis versions alone: flagging every version of every record first was most of this build at 10M rows
    select core.record_event_id(timeline.event_id) as record_event
    from marts.event_timelines as timeline
    where timeline.black_basis
    union
    select core.record_event_id(events.event_id)
    from core.credit_events as events
    where events.event_kind = 'upstream_reward' and $red_upstream_reward
),
flags as (
    -- each version of those records, narrow: whether it is a list basis
    select
        events.event_id,
        core.record_event_id(events.event_id) as record_event,
        events.known_from,
        timeline.black_basis or (events.event_kind = 'upstream_reward' and $red_upstream_reward) as is_basis
    from core.credit_events as events
    join marts.event_timelines as timeline using (event_id)
    where core.record_event_id(events.event_id) in (select listed_records.record_event from listed_records)
),
runs as (
    -- a record's versions in delivery order; consecutive versions that are each a list basis make one entry, so a
    -- correction that keeps the record listed (a misspelt name) neither ends the entry nor restarts its notice
    select
        flags.*,
        count(*) filter (where not flags.is_basis) over (partition by flags.record_event order by flags.known_from)
            as run_no
    from flags
),
basis_versions as (
    -- the versions that are a basis, with the event's columns an entry reads
    select runs.record_event, runs.run_no, events.*
    from runs
    join core.credit_events as events using (event_id)
    where runs.is_basis
),
islands as (
    select
        record_event, run_no, min(known_from) as basis_known_from, arg_max(event_id, known_from) as last_event,
        -- each version's term, from the day it was delivered: the exit as known on a day reads the latest known.
        -- Sorted after aggregating (by known_from first, the struct's first field): an ordered aggregate over half a
        -- million groups took 10 s at 10M rows
        list_sort(list({ 'known_from': known_from, 'until': active_to, 'end_reason': end_reason })) as versions
    from basis_versions
    group by all
),
basis as (
    -- one row per entry, named by the last version of its run: the record's own event id while it is current
    select
        basis_versions.*,
        islands.basis_known_from,
        islands.versions,
        case when basis_versions.polarity = 'negative' then 'black' else 'red' end as list
    from basis_versions
    join islands on islands.last_event = basis_versions.event_id
),
cases as (
    -- a repair or an objection concerns the record, and so every entry it had
    select
        event_id as record_event,
        bool_or(repaired_before_min) as repaired_before_min,
        min(closed_on) filter (where case_kind = 'objection' and outcome = '撤销') as revoked_on,
        -- each exit by a case, with the day its delivery made it known
        list({ 'kind': case when case_kind = 'repair' then 'repaired' else 'revoked' end, 'day': closed_on,
               'known': greatest(closed_on, reported_on) } order by closed_on, case_kind, reported_on, case_no)
            filter (where (case_kind = 'repair' and outcome = '同意') or (case_kind = 'objection' and outcome = '撤销'))
            as exits,
        -- ties ordered by case number: two objections opened on one day must list the same way on every build
        list({ 'from': opened_on, 'to': closed_on, 'case_no': case_no } order by opened_on, case_no)
            filter (where case_kind = 'objection') as suspensions
    from core.case_effects
    -- only the records that have an entry: the others' cases are never joined
    where event_id in (select listed_records.record_event from listed_records)
    group by all
),
known as (
    -- REFERENCE §5: an entry dates from the day the bureau could know of it, the later of the decision and the
    -- delivery of the first version that made it a list basis; a record decided weeks before it reached the bureau,
    -- or corrected into a basis later, never entered the list earlier (issue 21)
    select event_id, greatest(active_from, basis_known_from) as known_on
    from basis
),
notice as (
    -- 国办发〔2020〕49号: the subject is told before the bureau lists it on its own decision (a penalty or a ban),
    -- so such an entry starts the notice period's working days after the bureau knew of it
    select basis.event_id, listed.day as entered_on
    from basis
    join known using (event_id)
    join staging.work_calendar as learnt on learnt.day = known.known_on
    join staging.work_calendar as listed
        on listed.is_workday and listed.workday_seq = learnt.workday_seq + $notice_working_days
    where basis.event_kind in ('penalty', 'procurement_ban', 'commitment_breach')
),
entry as (
    -- never before the bureau knew (a rest day counts from the working day before it)
    select known.event_id, greatest(coalesce(notice.entered_on, known.known_on), known.known_on) as entered_on
    from known
    left join notice using (event_id)
),
exits as (
    select
        basis.event_id,
        marts.list_exit(entry.entered_on, basis.versions, basis.superseded_on, coalesce(cases.exits, []),
                        date 'infinity') as ended
    from basis
    left join cases using (record_event)
    left join entry using (event_id)
)
select
    basis.subject_key,
    core.subject_bucket(basis.subject_key) as subject_bucket,
    subjects.subject_name,
    basis.list,
    -- the record's own event id, whichever of its versions the entry ran to: the entry keeps its id (and its
    -- published 名单记录编号) when a later version corrects the record
    core.record_event_id(basis.event_id) as basis_event,
    -- its 名单记录编号 on the black list, salted (core.list_entry_id): the publication log and the analysts join on
    -- it (a red-list entry is a run of the standing: publication/red_list)
    case when basis.list = 'black' then core.list_entry_id(core.record_event_id(basis.event_id), $salt) end
        as entry_id,
    basis.event_kind as basis_kind,
    basis.record_doc_no,
    -- the publication date is no computed date: it is the day a list file first carried the entry
    -- (publish.list_publication_log)
    entry.entered_on,
    exits.ended.exit_on,
    exits.ended.exit_reason,
    cases.revoked_on,
    coalesce(cases.repaired_before_min, false) as repaired_before_min,
    coalesce(cases.suspensions, []) as suspensions,
    basis.basis_known_from as first_reported,
    -- what marts.list_exit reads to give the exit as known on a past day
    basis.versions,
    -- the day a version that is no basis arrived (it is known that day)
    basis.superseded_on as corrected_on,
    coalesce(cases.exits, []) as exits,
    basis.policy_version
from basis
left join cases using (record_event)
left join entry using (event_id)
left join exits using (event_id)
left join core.subjects as subjects using (subject_key)
-- laid out by subject bucket: a credit check reads one subject's entries
order by subject_bucket, subject_key, entered_on, list;
comment on table marts.list_memberships is '红黑名单（区间）/ red and black list memberships: entered (as known, after notice), exit and why, with objection suspensions; publication dates are in publish.list_publication_log';
