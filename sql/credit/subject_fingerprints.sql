-- What each by-subject mart was last built from: per subject, the fingerprint of its inputs, and the version
-- (the mart's SQL and policy) it was built under.
create table if not exists ops.subject_fingerprints (
    mart varchar,
    subject_key varchar,
    fingerprint hugeint,
    version varchar
);
comment on table ops.subject_fingerprints is '按主体增量构建的依据 / per mart and subject, the fingerprint of the inputs it was last built from';
