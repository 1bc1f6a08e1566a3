-- model: marts.credit_check · table macro
-- 信用核查: a subject's standing on a day, the measures that follow, and the evidence, for staff and analysts.
--   select * from marts.credit_check('91350102MA2Y3K0P79', date '2026-10-15');
-- A person is looked up by ID number: the macro hashes it the same way the subject key was made.
create or replace macro marts.credit_check(code, as_of) as table
with typed as (
    -- a code pasted with tabs, spaces, zero-width or full-width characters is read as meant (the command line
    -- normalises with NFKC first: creditwh.platform.codes.normalise_code)
    select upper(regexp_replace(
        translate(code, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
                        '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
        '[\s\x{00A0}\x{200B}-\x{200D}\x{2060}\x{3000}\x{FEFF}]', '', 'g')) as typed_code
),
candidates as (
    select
        -- named apart from the macro's parameter `code`, which a column of that name would not shadow
        case when staging.uscc_valid(typed_code) then typed_code end as uscc_key,
        case when staging.id_valid(typed_code, as_of) or not staging.uscc_valid(typed_code)
             then core.person_key(typed_code, getvariable('credit_id_salt')) end as person_key
    from typed
),
wanted as (
    -- 1 ID number in 31 passes the USCC check too: the key the warehouse knows wins, and a code that may be an ID
    -- number is never shown as typed
    select coalesce(
        (select s.subject_key from core.subjects as s where s.subject_key = candidates.uscc_key),
        (select s.subject_key from core.subjects as s where s.subject_key = candidates.person_key),
        candidates.person_key,
        candidates.uscc_key
    ) as subject_key
    from candidates
),
standing as (
    select history.*
    from marts.credit_standing_history as history
    join wanted using (subject_key)
    where history.valid_from <= as_of and (history.valid_to is null or as_of < history.valid_to)
),
in_force as (
    -- the records that explain the answer, evaluated the way the history was (marts.event_state)
    select timeline.event_id, marts.event_state(timeline, as_of) as state
    from marts.event_timelines as timeline
    join wanted using (subject_key)
)
select
    wanted.subject_key,
    subjects.subject_name,
    subjects.subject_type,
    standing.subject_key is not null as known,
    standing.credit_class,
    standing.score,
    coalesce(standing.black, false) as black,
    coalesce(standing.red, false) as red,
    (select list({ 'id': m.id, 'name': m.name_zh, 'legal_basis': m.legal_basis } order by m.id)
     from core.measures as m
     where (m.applies_to = 'black' and standing.black)
        or (m.applies_to = 'red' and standing.red)
        or (m.applies_to = 'class_A' and standing.credit_class = 'A' and not standing.red)) as measures,
    -- when a list file carried the entry is publication history (publish.list_publication_log), added by the caller
    (select list({ 'list': l.list, 'entered_on': l.entered_on, 'exit_on': l.exit_on,
                  'exit_reason': l.exit_reason, 'basis': l.record_doc_no } order by l.entered_on)
     from marts.list_memberships as l where l.subject_key = wanted.subject_key and l.entered_on <= as_of) as lists,
    (select coalesce(list(core.masked_event_id(event_id) order by event_id), []) from in_force
     where state.active and state.suspended)
        as suspended_events,
    (select list({ 'event': core.masked_event_id(e.event_id), 'kind': e.event_kind, 'severity': e.severity, 'record': e.record_doc_no,
                  'decided_on': e.decided_on, 'until': e.active_to, 'file': e.source_file, 'row': e.source_row }
                 order by e.decided_on)
     from core.credit_events as e join in_force using (event_id) where in_force.state.active) as evidence,
    as_of as checked_as_of,
    standing.policy_version
from wanted
left join standing using (subject_key)
left join core.subjects as subjects using (subject_key);
