-- Publishing the same day again replaces that day's publication (idempotent): first undo it.
delete from publish.double_publicity_history where source = $source and published_from = $as_of::date;
update publish.double_publicity_history set published_to = null
where source = $source and published_to = $as_of::date;
delete from publish.double_publicity_runs where source = $source and as_of = $as_of::date;
delete from publish.double_publicity_parts where source = $source and in_force_from = $as_of::date;
update publish.double_publicity_parts set in_force_to = null
where source = $source and in_force_to = $as_of::date;
