-- Today's fingerprint of each subject's inputs
create or replace temp table subject_inputs as
{{inputs}};
