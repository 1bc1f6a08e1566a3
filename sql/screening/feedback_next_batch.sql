-- This run's batch number, and the files already sent (a supplement's name is never used twice)
select coalesce(max(sent_batch), 0) + 1 as sent_batch, coalesce(list(feedback_file), []) as files from publish.feedback_files
