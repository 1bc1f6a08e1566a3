-- What each by-subject mart was last built from: per subject (and, for a mart kept in parts, per part of the
-- subject's rows: a month), the fingerprint of its inputs, and the version (the mart's SQL and policy) it was built
-- under.
create table if not exists ops.subject_fingerprints (
    mart varchar,
    subject_key varchar,
    fingerprint hugeint,
    version varchar,
    part date
);
-- a warehouse built before marts were kept in parts (its marts are rebuilt whole: their SQL is another version)
alter table ops.subject_fingerprints add column if not exists part date;
comment on table ops.subject_fingerprints is '按主体增量构建的依据 / per mart, subject and part (a month, or none), the fingerprint of the inputs it was last built from';
