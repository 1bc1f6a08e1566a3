-- One-off: the older log (one row per record per publication day) becomes intervals, islands of consecutive
-- publications that showed the same content. The older table is then dropped; nothing it held is lost.
insert into publish.double_publicity_runs
select distinct source, as_of from publish.double_publicity_log;

insert into publish.double_publicity_history
with runs as (
    select source, as_of, row_number() over (partition by source order by as_of) as run_no,
           lead(as_of) over (partition by source order by as_of) as next_run
    from publish.double_publicity_runs
),
shown as (
    select log.*, runs.run_no, runs.next_run,
           runs.run_no - row_number() over (partition by log.source, log.record_key, log.content_hash
                                            order by log.as_of) as island
    from publish.double_publicity_log as log
    join runs using (source, as_of)
)
select source, record_key, max_by(decision_doc_no, as_of), max_by(subject_name, as_of), content_hash,
       min(as_of) as published_from, max_by(next_run, as_of) as published_to, null as part
from shown
group by source, record_key, content_hash, island;

drop table publish.double_publicity_log;
