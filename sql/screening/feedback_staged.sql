-- The file a hidden staging name was committed as, if its run's record was committed
select feedback_file from publish.feedback_files where staged_as = $staged_as
