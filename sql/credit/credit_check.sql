-- model: marts.credit_check · table macro
-- 信用核查: a subject's standing on a day, the measures that follow, and the evidence, for staff and analysts.
--   select * from marts.credit_check('91350102MA2Y3K0P79', date '2026-10-15');                  -- as known then
--   select * from marts.credit_check('91350102MA2Y3K0P79', date '2026-10-15', known := 'now');  -- as known now
-- "then" (the default) is what the bureau could have known that day, and never changes afterwards; "now" is what is
-- now known to have been true that day (docs/credit_check.md). A person is looked up by ID number: the macro
-- hashes it the same way the subject key was made.
-- A list entry as a check shows it, and whether it puts the subject on its list that day. A red-list entry is its
-- red source's basis: the subject is on the red list only while the standing says so (REFERENCE §5: not black-listed,
-- no general or serious record in force), so a black-listed subject's red basis is shown, never as in effect.
create or replace macro marts.check_list_entry(entry, as_of, red) as {
    'list': entry.list, 'entered_on': entry.entered_on, 'exit_on': entry.exit.exit_on,
    'exit_reason': entry.exit.exit_reason, 'basis': entry.record_doc_no,
    'in_effect': (entry.exit.exit_on is null or as_of < entry.exit.exit_on)
        and (entry.list = 'black' or coalesce(red, false))
};

-- marts.credit_checks: the check for many codes in one set-based pass, one row per code given (asked_code). Example:
--   select * from marts.credit_checks(['91350102MA2Y3K0P79', '350102199001011234'], date '2026-10-15');  -- a batch
create or replace macro marts.credit_checks(codes, as_of, known := 'then') as table
with views as (
    select case when known in ('then', 'now') then known
                else error('known must be ''then'' or ''now'' / known 只能为 then（按当日所知）或 now（按现在所知）') end
        as known_as
),
typed as (
    -- a code pasted with tabs, spaces, zero-width or full-width characters is read as meant (the command line
    -- normalises with NFKC first: creditwh.platform.codes.normalise_code); `asked` is the code as given
    select asked, upper(regexp_replace(
        translate(asked, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
                        '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
        '[\s\x{00A0}\x{200B}-\x{200D}\x{2060}\x{3000}\x{FEFF}]', '', 'g')) as typed_code
    from (select distinct unnest(codes) as asked)
),
candidates as (
    select
        asked,
        -- named apart from the macro's parameters, which a column of that name would not shadow
        case when staging.uscc_valid(typed_code) then typed_code end as uscc_key,
        case when staging.id_valid(typed_code, as_of) or not staging.uscc_valid(typed_code)
             then core.person_key(typed_code, getvariable('credit_id_salt')) end as person_key,
        -- a subject key itself (a person's P + 24 hex digits, never a USCC or an ID number): how `creditwh verify`
        -- re-derives an issued record, known subject or not, without the ID number the register never holds
        case when regexp_full_match(typed_code, 'P[0-9A-F]{24}') then 'P' || lower(typed_code[2:]) end as key_given
    from typed
),
-- Every table below is read for the subjects asked about only (`subject_key in (select ...)`, a semi join whose
-- few keys DuckDB pushes into the scan), never joined whole; a batch of thousands is still one pass over each table.
-- Each is also filtered by the subjects' buckets (core.subject_bucket), the number the tables are laid out by: the
-- zone maps of a text key keep its first 8 bytes, '91350102' for most Gulou USCCs, so the key alone skipped no row
-- group, where the bucket's leave one. `known` is a constant of the query, so the view not asked for is planned
-- away rather than read and dropped. Each answer is put together from per-subject lists joined once (no correlated
-- subquery): planning a check cost more than running it.
candidate_keys as (
    -- every key a code may name, with its bucket
    select named.subject_key, core.subject_bucket(named.subject_key) as subject_bucket
    from (select unnest([c.uscc_key, c.person_key, c.key_given]) as subject_key from candidates as c) as named
    where named.subject_key is not null
),
subjects as (
    -- the subjects a code may name, by key (never a join of core.subjects whole)
    select s.subject_key, s.subject_name, s.subject_type, s.names
    from core.subjects as s
    where s.subject_bucket in (select k.subject_bucket from candidate_keys as k)
      and s.subject_key in (select k.subject_key from candidate_keys as k)
),
wanted as (
    -- 1 ID number in 31 passes the USCC check too: the key the warehouse knows wins, and a code that may be an ID
    -- number is never shown as typed
    select candidates.asked, coalesce(by_uscc.subject_key, by_person.subject_key, candidates.key_given,
                                      candidates.person_key, candidates.uscc_key) as subject_key
    from candidates
    left join subjects as by_uscc on candidates.uscc_key = by_uscc.subject_key
    left join subjects as by_person on candidates.person_key = by_person.subject_key
),
asked_subjects as (
    -- each subject once, however many codes name it, with its bucket
    select distinct subject_key, core.subject_bucket(subject_key) as subject_bucket from wanted
),
standing as (
    select 'then' as known_as, history.*
    from marts.credit_standing_history as history
    where known = 'then' and history.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and history.subject_key in (select a.subject_key from asked_subjects as a)
      and history.valid_from <= as_of and (history.valid_to is null or as_of < history.valid_to)
    union all by name
    select 'now' as known_as, history.*
    from marts.credit_standing_history_now as history
    where known = 'now' and history.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and history.subject_key in (select a.subject_key from asked_subjects as a)
      and history.valid_from <= as_of and (history.valid_to is null or as_of < history.valid_to)
),
in_force as (
    -- the records that explain the answer, evaluated the way the history was (marts.event_state)
    select timeline.subject_key, timeline.event_id, marts.event_state(timeline, as_of) as state
    from marts.event_timelines_by_view as timeline
    where timeline.known_as = known
      and timeline.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and timeline.subject_key in (select a.subject_key from asked_subjects as a)
),
events as (
    select
        e.subject_key, e.event_id, e.known_from, e.event_kind, e.severity, e.record_doc_no, e.decided_on,
        e.active_to, e.source_file, e.source_row
    from core.credit_events as e
    where e.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and e.subject_key in (select a.subject_key from asked_subjects as a)
),
entries as (
    -- list entries by as_of; as known then, each exit is the one known by as_of (marts.list_exit)
    select
        l.subject_key, l.list, l.entered_on, l.record_doc_no,
        case when known = 'now' then { 'exit_on': l.exit_on, 'exit_reason': l.exit_reason }
             else marts.list_exit(l.entered_on, l.versions, l.corrected_on, l.exits, as_of) end as exit
    from marts.list_memberships as l
    -- never before its basis arrived (marts.list_memberships), so an entry by as_of was known by as_of
    where l.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and l.subject_key in (select a.subject_key from asked_subjects as a) and l.entered_on <= as_of
),
asked_commitments as (
    -- 信用承诺: the subject's commitments, each as the version relied on for the day, with its state: those made by
    -- as_of, and those that revoke the green channel (core.revokes_green_channel)
    select
        c.subject_key,
        list({ 'commitment': c.commitment_no, 'type': c.commitment_type, 'matter': c.matter,
               'committed_on': c.committed_on, 'due_on': c.due_on, 'unit': c.accepting_unit,
               'public': c.is_public, 'state': core.commitment_state(c, as_of), 'checked_on': c.checked_on,
               'version': c.known_from } order by c.committed_on, c.commitment_no)
            filter (where c.committed_on <= as_of) as made,
        list(c.commitment_no order by c.commitment_no) filter (where core.revokes_green_channel(c, as_of, known))
            as revoking
    from core.commitments as c
    where c.subject_bucket in (select a.subject_bucket from asked_subjects as a)
      and c.subject_key in (select a.subject_key from asked_subjects as a) and core.commitment_in_view(c, as_of, known)
    group by c.subject_key
),
asked_entries as (
    select l.subject_key, list(l order by l.entered_on, l.list, l.record_doc_no) as entries
    from entries as l
    group by l.subject_key
),
records as (
    -- each record once by its own id; `version` is the day the version relied on was delivered
    select
        in_force.subject_key,
        list(core.masked_event_id(core.record_event_id(in_force.event_id)) order by in_force.event_id)
            filter (where in_force.state.active and in_force.state.suspended) as suspended,
        list({ 'event': core.masked_event_id(core.record_event_id(e.event_id)), 'version': e.known_from,
               'kind': e.event_kind, 'severity': e.severity, 'record': e.record_doc_no,
               'decided_on': e.decided_on, 'until': e.active_to, 'file': e.source_file, 'row': e.source_row }
             order by e.decided_on, e.event_id)
            filter (where in_force.state.active and e.event_id is not null) as evidence
    from in_force
    left join events as e on in_force.event_id = e.event_id
    group by in_force.subject_key
),
all_measures as (
    select list({ 'id': m.id, 'name': m.name_zh, 'legal_basis': m.legal_basis, 'applies_to': m.applies_to,
                  'green_channel': m.id in (select g.id from core.green_channel_measures as g) } order by m.id)
        as measures
    from core.measures as m
),
answers as (
    select
        wanted.asked,
        wanted.subject_key,
        standing.subject_key is not null as known,
        standing.credit_class,
        standing.score,
        standing.black,
        standing.red,
        standing.policy_version,
        subjects.subject_name,
        subjects.subject_type,
        subjects.names,
        coalesce(asked_commitments.revoking, []) as revoking,
        asked_commitments.made,
        asked_entries.entries,
        records.suspended,
        records.evidence
    from wanted
    left join standing on wanted.subject_key = standing.subject_key
    left join subjects on wanted.subject_key = subjects.subject_key
    left join asked_commitments on wanted.subject_key = asked_commitments.subject_key
    left join asked_entries on wanted.subject_key = asked_entries.subject_key
    left join records on wanted.subject_key = records.subject_key
)
select
    answers.asked as asked_code,
    answers.subject_key,
    -- as known then, the name the deliveries by as_of used, and none for a subject not yet known
    case when views.known_as = 'now' then answers.subject_name
         else list_last(list_filter(answers.names, n -> n."from" <= as_of)).name end as subject_name,
    case when views.known_as = 'now' then answers.subject_type
         else list_last(list_filter(answers.names, n -> n."from" <= as_of)).type end as subject_type,
    answers.known,
    answers.credit_class,
    answers.score,
    coalesce(answers.black, false) as black,
    coalesce(answers.red, false) as red,
    -- the measures that follow from the standing (policy/measures.csv); none is an empty answer, null
    nullif(list_transform(
        list_filter(all_measures.measures, m -> ((m.applies_to = 'black' and answers.black)
            or (m.applies_to = 'red' and answers.red)
            or (m.applies_to = 'class_A' and answers.credit_class = 'A' and not answers.red))
            -- an overdue 审批替代型/容缺受理型 commitment revokes the green channel it bought (policy commitments)
            and not (m.green_channel and len(answers.revoking) > 0)),
        m -> { 'id': m.id, 'name': m.name, 'legal_basis': m.legal_basis }), []) as measures,
    answers.revoking as green_channel_revoked_by,
    answers.made as commitments,
    -- when a list file carried the entry is publication history (publish.list_publication_log), added by the caller
    list_transform(answers.entries, l -> marts.check_list_entry(l, as_of, answers.red)) as lists,
    coalesce(answers.suspended, []) as suspended_events,
    answers.evidence,
    as_of as checked_as_of,
    views.known_as,
    answers.policy_version
from answers
cross join views
cross join all_measures;

-- marts.credit_check: the check of one code, the batch of one (one definition of the check).
create or replace macro marts.credit_check(code, as_of, known := 'then') as table
select * exclude (asked_code) from marts.credit_checks([code], as_of, known := known);
