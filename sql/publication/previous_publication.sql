-- The publication of a source before $as_of (a re-run of the same day starts from it)
select max(as_of) from publish.double_publicity_runs where source = $source and as_of < $as_of::date;
