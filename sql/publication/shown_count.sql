-- The records a source's publication shows (the history, this publication included)
select count(*) from publish.double_publicity_history where source = $source and published_to is null;
