-- This run's batch number, and the files already sent (a supplement's name is never used twice)
select coalesce(max(batch), 0) + 1 as batch, coalesce(list(file), []) as files from publish.feedback_files
