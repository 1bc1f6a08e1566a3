-- model: marts.screening_check_reasons · incremental by subject
-- 筛查限制原因（按主体与筛查日）: the table itself is kept subject by subject by creditwh/credit/by_subject.py from
-- screening/screening_check_reason_rows; a day works out again only the subjects whose screening dates, event
-- timelines or evidence changed (screening/screening_check_reason_inputs).
comment on table marts.screening_check_reasons is '筛查限制原因 / per subject and screening date, why it was restricted as known then and as known now, with the evidence record';

-- 受限情况（按主体与筛查日）: what the screenings (as known then) and their review (in both views) read of a subject
-- on a screening date, one definition for both. Aggregates, for a query grouped by subject and screening date (its
-- own filters before the group-by: the review's few dates); unnest() spreads them into columns. Major violations
-- restrict only some business (a party's major_applies), so each is given without them and with them.
-- Whether a reason other than a major violation holds, and whether a major violation does:
create or replace macro marts.screening_held_flags(reason) as {
    'listed': bool_or(reason <> 'major_violation'),
    'major': bool_or(reason = 'major_violation')
};
-- The reasons and evidence records, sorted and distinct, once per subject and date rather than per party (6 s at 10M
-- for the parties' 52 evidence records each):
create or replace macro marts.screening_held_lists(reason, evidence_record) as {
    'listed_reasons': coalesce(list(distinct reason order by reason) filter (where reason <> 'major_violation'), []),
    'all_reasons': coalesce(list(distinct reason order by reason), []),
    'listed_records': coalesce(
        list(distinct evidence_record order by evidence_record)
            filter (where reason <> 'major_violation' and evidence_record is not null), []
    ),
    'all_records': coalesce(
        list(distinct evidence_record order by evidence_record) filter (where evidence_record is not null), []
    )
};
