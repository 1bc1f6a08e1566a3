-- 信用承诺公示: every commitment made publicly (policy commitments.public_publicity) by $as_of, as known on
-- $as_of (the version delivered by then), with its state that day. A person's number is masked, as on every list.
select
    c.commitment_no,
    c.subject_name,
    coalesce(c.uscc, c.id_no_masked) as subject_code,
    c.subject_type,
    c.commitment_type,
    c.matter,
    c.content as commitment_content,
    c.committed_on,
    c.due_on,
    c.accepting_unit,
    c.publicity,
    core.commitment_state(c, $as_of::date) as fulfilment,
    case when c.fulfilment in ('履约', '未履约') and c.checked_on <= $as_of::date then c.checked_on end as checked_on,
    c.policy_version
from core.commitments as c
where c.is_public
  and c.committed_on <= $as_of::date
  and core.commitment_in_view(c, $as_of::date, 'then')
order by c.committed_on, c.commitment_no;
