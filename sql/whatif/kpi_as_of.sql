-- The day the live KPIs were derived as of (the what-if derives its own as of the same day).
select max(as_of) from baseline.kpi
