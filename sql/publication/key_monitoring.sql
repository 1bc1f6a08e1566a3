-- 重点监管对象名单: every black-list entry in force on $as_of (the day's black list, publication/black_list, passed
-- as {{table}}) with the subject's legal representative, the basis and the period, for the 双随机 inspection plan
-- (国发〔2016〕33号: the supervision measures of policy/measures.csv). Identity numbers only masked.
with measures as (
    select string_agg(name_zh, '；' order by id) as measures
    from core.measures
    where kind = 'punishment' and applies_to = 'black' and domain = 'supervision'
)
select
    black.entry_id,
    black.subject_key,
    black.subject_name,
    black.subject_code,
    black.subject_type,
    -- a natural person is the subject itself; an organisation's or individual business's representative is watched too
    case when black.subject_type <> '自然人' then subjects.legal_rep end as legal_rep,
    case when black.subject_type <> '自然人' then subjects.legal_rep_id_masked end as legal_rep_id_masked,
    black.basis,
    black.basis_doc_no,
    black.entered_on as monitored_from,
    -- the planned exit (end of the publicity period or of a ban); none: until the subject leaves the list
    case when memberships.exit_on > $as_of::date then memberships.exit_on end as monitored_to,
    measures.measures
from {{table}} as black
cross join measures
left join core.subjects as subjects using (subject_key)
left join marts.list_memberships as memberships
    on memberships.list = 'black' and memberships.entry_id = black.entry_id
order by black.subject_name, black.entered_on, black.entry_id;
