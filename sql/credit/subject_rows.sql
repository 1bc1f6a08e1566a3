-- model: core.subjects · rows of an incremental table
-- 主体: every organisation, individual business and person the bureau's records name, with name history
-- and the people behind it. One row per subject, from every delivery of every record: what it was called on a
-- past day, as known that day, is in `names` (issue 21).
-- The rows of the subjects in {{keyed}} (every one, or those a day's changed records name): a projection of each
-- subject's aggregate of its records' shares (ops.subject_state, kept by credit/subject_state_start and
-- credit/subject_state_changed through creditwh/credit/by_record.py).
select
    subject_key,
    core.subject_bucket(subject_key) as subject_bucket,
    -- the latest delivery wins; two records of one day that disagree are settled by value, so that a re-run gives
    -- the same row
    type_at['v'] as subject_type,
    uscc,
    -- only the masked form of a person's number is kept: it is what a list publication shows
    id_no_masked,
    name_at['v'] as subject_name,
    list_sort(list_distinct(list_transform(names, named -> named.name))) as name_history,
    rep_named['rep'] as legal_rep,
    rep_keyed['key'] as legal_rep_key,
    -- only its masked form: the 重点监管对象名单 shows it (publication/key_monitoring)
    rep_keyed['masked'] as legal_rep_id_masked,
    first_reported,
    last_reported,
    names
from ops.subject_state
where {{keyed}}
