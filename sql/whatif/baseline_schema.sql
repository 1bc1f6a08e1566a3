-- The what-if file's copy of the marts as built live under the policy in force, to compare against.
create schema if not exists baseline;
