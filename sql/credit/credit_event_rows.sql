-- model: core.credit_events · rows of an incremental table
-- 信用事件: every record that counts for a subject's standing, with its severity and effect window.
-- Windows are [active_from, active_to): active_to is exclusive, NULL means open-ended.
-- {{records}} restricts the records derived: every one, or those in records_changed (creditwh/credit/by_record.py).
with delivered as (
    -- every delivery of the records that count for a standing
    select source, record_key, reporting_date, ingested_at, source_file, source_row from staging.penalties
    union all
    select source, record_key, reporting_date, ingested_at, source_file, source_row from staging.licenses
    union all
    select source, record_key, reporting_date, ingested_at, source_file, source_row from staging.upstream_lists
    union all
    select source, record_key, reporting_date, ingested_at, source_file, source_row from staging.procurement
    union all
    select source, record_key, reporting_date, ingested_at, source_file, source_row from staging.commitments
),
day_versions as (
    -- each day's version of each record: the last delivered that day
    select *
    from delivered
    where record_key is not null and {{records}}
    qualify row_number() over (
        partition by source, record_key, reporting_date order by ingested_at desc, source_file desc, source_row desc
    ) = 1
),
versions as (
    -- a version is known from its delivery until the next day's version supersedes it: the history as known then
    -- uses the version known on each day (issue 21). A superseded version's event id names the day it was
    -- delivered; the current version keeps the plain id.
    select
        *,
        case when superseded_on is not null then '@' || strftime(reporting_date, '%Y-%m-%d') else '' end
            as version_suffix
    from (
        select
            *,
            -- the day the bureau first knew of the record (later versions correct it)
            min(reporting_date) over (partition by source, record_key) as first_reported,
            lead(reporting_date) over (partition by source, record_key order by reporting_date) as superseded_on
        from day_versions
    )
),
corrections as (
    -- 异议核实结果为“更正”: the corrected values replace the delivered ones
    select * from core.corrections()
),
penalty_pieces as (
    -- an 更正 corrects the record from the day the bureau knew of it (as known then): the version in force that day
    -- splits there, a version delivered after it is corrected from its start, and one superseded before it never is
    select
        p.*,
        c.corrected,
        unnest(case
            when c.known_on > versions.reporting_date and (versions.superseded_on is null or c.known_on < versions.superseded_on)
                then [{ 'known_from': versions.reporting_date, 'superseded_on': c.known_on, 'corrected': false },
                      { 'known_from': c.known_on, 'superseded_on': versions.superseded_on, 'corrected': true }]
            else [{ 'known_from': versions.reporting_date, 'superseded_on': versions.superseded_on,
                    'corrected': coalesce(c.known_on <= versions.reporting_date, false) }]
        end) as piece
    from staging.penalties as p
    join versions using (source, record_key, reporting_date, ingested_at, source_file, source_row)
    left join corrections c on c.record_doc_no = p.decision_doc_no
    where {{records}}
),
penalties as (
    select
        p.* exclude (corrected, piece),
        p.piece.known_from,
        p.piece.superseded_on,
        case when p.piece.superseded_on is not null then '@' || strftime(p.piece.known_from, '%Y-%m-%d') else '' end
            as version_suffix,
        coalesce(case when p.piece.corrected then coalesce(p.corrected['penalty_categories'], p.corrected['处罚类别']) end,
                 p.penalty_categories) as categories,
        coalesce(case when p.piece.corrected
                      then try_cast(coalesce(p.corrected['fine_10k_yuan'], p.corrected['罚款金额（万元）']) as decimal(18, 6)) end,
                 p.fine_10k_yuan) as fine,
        case p.extras ->> '失信严重程度' when '严重' then 'serious' when '一般' then 'general' when '轻微' then 'minor' end
            as stated_severity
    from penalty_pieces as p
),
penalty_severity as (
    select
        penalties.*,
        list_transform(string_split(replace(categories, '；', ';'), ';'), x -> trim(x)) as category_list,
        coalesce(stated_severity, case
            when list_has_any(category_list, $serious_categories) or fine >= $serious_fine then 'serious'
            when list_has_all($minor_only, list_filter(category_list, x -> x <> '')) then 'minor'
            when category_list = ['罚款'] and fine <= case subject_type when '自然人' then $minor_fine_person
                                                                      else $minor_fine_org end then 'minor'
            else 'general'
        end) as severity
    from penalties
),
penalty_events as (
    select
        'penalties:' || s.record_key || s.version_suffix as event_id,
        core.subject_key(s.uscc, s.person_id_no, $salt) as subject_key,
        'penalty' as event_kind,
        'negative' as polarity,
        s.severity,
        s.source,
        s.record_key,
        s.decision_doc_no as record_doc_no,
        s.categories as detail,
        s.fine as fine_10k_yuan,
        s.decision_date as decided_on,
        s.decision_date as active_from,
        (s.decision_date + to_months(case s.severity when 'serious' then r.serious_min when 'general' then r.general_min
                                                   else 0 end))::date as min_until,
        -- publicity (and effect) ends with the regime's maximum period; a minor penalty is not published
        (s.decision_date + to_months(case s.severity when 'serious' then r.serious_max when 'general' then r.general_max
                                                   else coalesce(r.minor_max, 0) end))::date as active_to,
        s.severity <> 'minor' or r.minor_max is not null as published,
        'expired' as end_reason,
        r.name as regime,
        s.known_from, s.superseded_on,
        s.source_unit, s.source_file, s.source_row
    from penalty_severity s
    left join core.publicity_regimes r on s.decision_date between r."from" and r."to"
),
ban_events as (
    -- 政府采购法 第七十七条: a ban stated in a penalty's 处罚类别 or 处罚内容 (patterns: policy procurement_ban) is an
    -- event of its own, from the decision date for its stated term. Its id is the penalty's with '#ban', so a
    -- change to the penalty derives both again.
    select
        'penalties:' || s.record_key || s.version_suffix || '#ban' as event_id,
        core.subject_key(s.uscc, s.person_id_no, $salt) as subject_key,
        'procurement_ban' as event_kind,
        'negative' as polarity,
        s.severity,
        s.source,
        s.record_key,
        s.decision_doc_no as record_doc_no,
        '禁止参加政府采购活动' || s.ban_years || '年' as detail,
        null::decimal(18, 6) as fine_10k_yuan,
        s.decision_date as decided_on,
        s.decision_date as active_from,
        null::date as min_until,
        (s.decision_date + to_years(s.ban_years))::date as active_to,
        true as published,
        'expired' as end_reason,
        $ban_basis as regime,
        s.known_from, s.superseded_on,
        s.source_unit, s.source_file, s.source_row
    from (
        select
            penalty_severity.*,
            coalesce(categories, '') || ';' || coalesce(penalty_content, '') as ban_text,
            coalesce(
                $ban_numeral_years[list_position($ban_numerals, regexp_extract(ban_text, $ban_term_pattern, 1))],
                $ban_unstated_years
            ) as ban_years
        from penalty_severity
    ) as s
    where contains(s.ban_text, $ban_pattern)
),
list_events as (
    select
        'upstream_lists:' || record_key || version_suffix as event_id,
        core.subject_key(uscc, person_id_no, $salt) as subject_key,
        case when kind = '激励' then 'upstream_reward'
             when list_type = '政府采购严重违法失信行为记录名单' then 'procurement_ban'
             else 'upstream_punishment' end as event_kind,
        case when kind = '激励' then 'positive' else 'negative' end as polarity,
        case when kind = '激励' then null else 'serious' end as severity,
        source, record_key, decision_doc_no as record_doc_no, list_type as detail, null::decimal(18, 6) as fine_10k_yuan,
        listed_on as decided_on,
        listed_on as active_from,
        null::date as min_until,
        -- removed by the initiating department, or expired; open while neither
        least(removed_on, valid_until + 1) as active_to,
        true as published,
        case when removed_on is not null and (valid_until is null or removed_on <= valid_until)
             then 'upstream_removed' else 'expired' end as end_reason,
        initiating_department as regime,
        reporting_date as known_from, superseded_on,
        initiating_department as source_unit, source_file, source_row
    from staging.upstream_lists
    join versions using (source, record_key, reporting_date, ingested_at, source_file, source_row)
),
license_events as (
    select
        'licenses:' || record_key || version_suffix as event_id,
        core.subject_key(uscc, person_id_no, $salt) as subject_key,
        'license' as event_kind,
        'positive' as polarity,
        null as severity,
        source, record_key, decision_doc_no as record_doc_no, license_category as detail,
        decision_date as decided_on,
        decision_date as active_from,
        case when valid_to >= date '9999-01-01' then null else valid_to + 1 end as active_to,
        true as published,
        'expired' as end_reason,
        reporting_date as known_from, superseded_on,
        source_unit, source_file, source_row
    from staging.licenses
    join versions using (source, record_key, reporting_date, ingested_at, source_file, source_row)
),
award_events as (
    select
        'procurement:' || record_key || version_suffix as event_id,
        supplier_uscc as subject_key,
        case when breached then 'performance_breach' else 'award' end as event_kind,
        case when breached then 'negative' else 'positive' end as polarity,
        case when breached then 'general' end as severity,
        source, record_key, project_code as record_doc_no, project_name as detail,
        award_date as decided_on,
        award_date as active_from,
        case when breached then (award_date + to_months($breach_months))::date end as active_to,
        true as published,
        'expired' as end_reason,
        reporting_date as known_from, superseded_on,
        source_unit, source_file, source_row
    from (select *, coalesce(performance_status = '违约' or acceptance_result = '不合格', false) as breached
          from staging.procurement
          join versions using (source, record_key, reporting_date, ingested_at, source_file, source_row))
),
commitment_events as (
    -- 失信承诺: a commitment found 未履约 at its check is a negative record from the check date, with the severity
    -- of policy commitments.breach_severity and the publicity periods of the regime in force that day. As known
    -- then, it counts from the delivery of the version that says so (an earlier 履约中 version is no event).
    select
        'commitments:' || c.record_key || c.version_suffix as event_id,
        core.subject_key(c.uscc, c.person_id_no, $salt) as subject_key,
        'commitment_breach' as event_kind,
        'negative' as polarity,
        $commitment_breach_severity as severity,
        c.source, c.record_key, c.commitment_no as record_doc_no,
        '失信承诺：' || c.commitment_type || '·' || c.matter as detail,
        null::decimal(18, 6) as fine_10k_yuan,
        c.checked_on as decided_on,
        c.checked_on as active_from,
        (c.checked_on + to_months(case $commitment_breach_severity when 'serious' then r.serious_min
                                                                   when 'general' then r.general_min else 0 end))::date
            as min_until,
        (c.checked_on + to_months(case $commitment_breach_severity when 'serious' then r.serious_max
                                                                   when 'general' then r.general_max
                                                                   else coalesce(r.minor_max, 0) end))::date as active_to,
        true as published,
        'expired' as end_reason,
        r.name as regime,
        c.reporting_date as known_from, c.superseded_on,
        c.accepting_unit as source_unit, c.source_file, c.source_row
    from (select * from staging.commitments
          join versions using (source, record_key, reporting_date, ingested_at, source_file, source_row)) as c
    left join core.publicity_regimes as r on c.checked_on between r."from" and r."to"
    where c.fulfilment = '未履约' and c.checked_on is not null
)
select
    events.*,
    core.subject_bucket(events.subject_key) as subject_bucket,
    first_reports.first_reported,
    $policy_version as policy_version
from (
    select * from penalty_events
    union all by name
    select * from ban_events
    union all by name
    select * from list_events
    union all by name
    select * from license_events
    union all by name
    select * from award_events
    union all by name
    select * from commitment_events
) as events
left join (select distinct source, record_key, first_reported from versions) as first_reports
    on first_reports.source = events.source and first_reports.record_key = events.record_key
where events.subject_key is not null
