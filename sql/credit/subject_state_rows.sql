-- Each subject's aggregate of the shares in subject_shares_in (a record's share of a subject, credit/subject_shares,
-- or a subject's aggregate itself: the aggregate of aggregates is the aggregate of their parts). The names keep the
-- first day each name and type was used.
with dated_names as (
    select subject_key, list({ 'from': first_day, 'name': name, 'type': type } order by first_day, name, type) as names
    from (
        select subject_key, named.name, named.type, min(named['from']) as first_day
        from (select subject_key, unnest(names) as named from subject_shares_in)
        group by all
    )
    group by subject_key
)
select
    subject_key,
    max(type_at) as type_at,
    max(uscc) as uscc,
    max(id_no_masked) as id_no_masked,
    max(name_at) as name_at,
    max(rep_named) as rep_named,
    max(rep_keyed) as rep_keyed,
    min(first_reported) as first_reported,
    max(last_reported) as last_reported,
    any_value(dated_names.names) as names
from subject_shares_in
left join dated_names using (subject_key)
group by subject_key
