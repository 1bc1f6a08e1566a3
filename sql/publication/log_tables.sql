-- The 双公示 publication history: each record's published content as an interval of publication days, and the
-- days published. A day's publication adds only what changed: at a province's 7.5M records a row per record per
-- day would add 2.7 billion rows a year.
create table if not exists publish.double_publicity_history (
    source varchar,
    record_key varchar,
    decision_doc_no varchar,
    subject_name varchar,
    content_hash ubigint,
    published_from date,
    published_to date
);
-- the part of the whole set a record is written in (added later: a history without it is filled by a whole build)
alter table publish.double_publicity_history add column if not exists part varchar;
comment on table publish.double_publicity_history is '双公示发布历史 / each record''s published content as an interval: from the first publication that showed it to the first that no longer did (open while shown)';
-- 全量分片: the parts of the whole set in force (one per source and decision month), each as an interval of
-- publication days: the folder that holds its files, their names, rows, bytes and sha256 (JSON), and its content's
-- fingerprint. A full-set day writes again only the parts whose fingerprint changed.
create table if not exists publish.double_publicity_parts (
    source varchar,
    part varchar,
    fingerprint varchar,
    folder varchar,
    files varchar,
    rows bigint,
    in_force_from date,
    in_force_to date
);
comment on table publish.double_publicity_parts is '双公示全量分片 / the parts of the whole set in force: the folder holding each part''s files, and its content fingerprint';
create table if not exists publish.double_publicity_runs (
    source varchar,
    as_of date
);
comment on table publish.double_publicity_runs is '双公示发布日 / the days each source was published';
-- The list publication log: the day a list file first carried an entry and the first day one no longer did. A
-- published list's 公示日期 is read from here (REFERENCE §5), never computed.
create table if not exists publish.list_publication_log (
    list varchar,
    entry_id varchar,
    subject_key varchar,
    published_from date,
    published_to date
);
comment on table publish.list_publication_log is '名单公示记录 / each list entry''s publication as an interval: from the first list file that carried it to the first that no longer did (open while carried)';
create table if not exists publish.list_publication_runs (
    list varchar,
    as_of date
);
comment on table publish.list_publication_runs is '名单发布日 / the days each list was published';
-- 暂缓公示: the records a 双公示 publication held back because an identity number could not be masked where it
-- stands, with where each came from; the run summary and the unit's correction read it.
create table if not exists publish.double_publicity_held (
    source varchar,
    as_of date,
    record_key varchar,
    column_name varchar,
    masked_number varchar,
    source_file varchar,
    source_row bigint,
    source_unit varchar
);
comment on table publish.double_publicity_held is '暂缓公示记录 / records a 双公示 publication held back: an identity number it could not mask (file, row, field)';
-- Each publication folder committed with its history (creditwh/publication/folder.py): a staging folder a killed
-- run left is renamed into place only if its token is here, and removed otherwise.
create table if not exists publish.publication_folders (
    publication varchar,
    as_of date,
    folder varchar
);
comment on table publish.publication_folders is '发布文件夹提交记录 / the staging folder committed with each publication''s history';
