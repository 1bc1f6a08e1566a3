-- 减少检查频次对象: the subjects whose standing on $as_of (as known then) brings a supervision reward of
-- policy/measures.csv: R03 on the red list, R05 in class A off it, as marts.credit_check applies them.
select
    standing.subject_key,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    subjects.subject_type,
    standing.credit_class,
    case when standing.red then '是' else '否' end as on_red_list,
    measures.id as measure_id,
    measures.name_zh as measures,
    measures.legal_basis
from marts.credit_standing_history as standing
join core.measures as measures
    on measures.kind = 'reward' and measures.domain = 'supervision'
    and ((measures.applies_to = 'red' and standing.red)
         or (measures.applies_to = 'class_A' and standing.credit_class = 'A' and not standing.red))
left join core.subjects as subjects using (subject_key)
where standing.valid_from <= $as_of::date and (standing.valid_to is null or $as_of::date < standing.valid_to)
order by measures.id, subjects.subject_name, standing.subject_key;
