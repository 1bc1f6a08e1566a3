-- The run summary's warning: records withdrawn because a re-sent day no longer holds them, per source and file that
-- held them; those the runs found ($run_ids), or every one still withdrawn when no run is named.
select source, reporting_date, source_file, coalesce(kind, 'withdrawn') as kind, count(*) as records
from quality.dropped_on_resend
where $run_ids::varchar[] is null or list_contains($run_ids::varchar[], run_id)
group by all
order by all;
