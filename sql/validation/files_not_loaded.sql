-- Files outside every date folder, which no partition loaded: for the run summary, each with its reason.
select source_file, message_zh, message_en
from raw.landing_files
where reporting_date is null
order by source_file;
