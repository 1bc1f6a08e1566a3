-- model: marts.event_timelines · incremental by record
-- 事件时间线: the table itself is kept event by event by creditwh/credit/by_record.py from marts/event_timeline_rows;
-- this step documents it and defines the macros over it.
comment on table marts.event_timelines is '事件影响时间线 / when each record affects its subject, as known then (its columns) and as known now (its struct now): effect window, softening, objection suspensions';

-- 事件时间线（按现在所知）: the same rows in the "as known now" view, in the shape of the table, so one history
-- query and one credit check read either (issue 21). Superseded versions have no now.
create or replace view marts.event_timelines_now as
select
    timeline.* exclude (now) replace (
        timeline.now.effect_from as effect_from,
        timeline.now.effect_to as effect_to,
        timeline.now.revoked_known as revoked_known,
        timeline.now.suspensions as suspensions,
        timeline.now.look_back_from as look_back_from,
        timeline.now.look_back_to as look_back_to
    )
from marts.event_timelines as timeline
where timeline.now is not null;
comment on view marts.event_timelines_now is '事件影响时间线（按现在所知）/ each record as now known to have affected its subject: from its effect, repairs on their decision day, revoked records never';

-- Both views, named by known_as ('then' | 'now'): what the credit check and the screenings choose from.
create or replace view marts.event_timelines_by_view as
select 'then' as known_as, * exclude (now) from marts.event_timelines
union all by name
select 'now' as known_as, * from marts.event_timelines_now;
comment on view marts.event_timelines_by_view is '事件影响时间线（两种视角）/ the timelines as known then and as known now, named by known_as';

-- What one event contributes on day t: the single definition both the history and the credit check use.
create or replace macro marts.event_state(e, t) as {
    'active': t >= e.effect_from and (e.effect_to is null or t < e.effect_to),
    'suspended': coalesce(list_bool_or(list_transform(e.suspensions, s -> t >= s."from" and (s."to" is null or t < s."to"))), false),
    'softened': e.min_until is not null and t >= e.min_until,
    'in_look_back': e.look_back_from is not null and t >= e.look_back_from and (e.look_back_to is null or t < e.look_back_to)
};

create or replace macro marts.event_counts(e, s) as {
    'deduction': case when s.active and not s.suspended
                      then case when s.softened then e.softened_deduction else e.deduction end else 0 end,
    'bonus': case when s.active then e.bonus else 0 end,
    'black': case when s.active and not s.suspended and e.black_basis then 1 else 0 end,
    -- what caps the class (REFERENCE §5): a general or serious record, an upstream punishment or a ban in force
    'capping': case when s.active and not s.suspended and e.polarity = 'negative'
                     and (e.severity in ('general', 'serious') or e.event_kind in ('upstream_punishment', 'procurement_ban'))
                    then 1 else 0 end,
    'negative': case when s.active and not s.suspended and e.polarity = 'negative' then 1 else 0 end,
    'positive': case when s.active and e.polarity = 'positive' then 1 else 0 end,
    'reward': case when s.active and e.event_kind = 'upstream_reward' then 1 else 0 end,
    'recent': case when s.in_look_back then 1 else 0 end
};
