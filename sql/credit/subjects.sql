-- model: core.subjects · incremental by record
-- 主体: the table itself is kept record by record by creditwh/credit/by_record.py from credit/subject_rows (the
-- subjects a day's changed records name, re-derived from every record naming them); this step documents it.
comment on table core.subjects is '信用主体 / one row per subject: organisations by USCC, persons by a salted hash of the ID number';
comment on column core.subjects.subject_key is '主体键 / USCC, or P + salted SHA-256 of the ID number';
comment on column core.subjects.subject_type is '主体类别 / 法人及非法人组织 | 自然人 | 个体工商户';
comment on column core.subjects.uscc is '统一社会信用代码 / USCC';
comment on column core.subjects.id_no_masked is '证件号码（脱敏） / a person''s identity number, first 6 and last 4 kept';
comment on column core.subjects.subject_name is '主体名称（最新） / latest name';
comment on column core.subjects.name_history is '曾用名 / every name the records used';
comment on column core.subjects.legal_rep is '法定代表人 / legal representative (latest)';
comment on column core.subjects.legal_rep_key is '法定代表人键 / salted hash of the legal representative''s ID number';
comment on column core.subjects.legal_rep_id_masked is '法定代表人证件号码（脱敏） / the legal representative''s ID number, first 6 and last 4 kept';
comment on column core.subjects.first_reported is '首次报送 / first reporting date';
comment on column core.subjects.last_reported is '最近报送 / latest reporting date';
comment on column core.subjects.names is '名称（按首次报送日）/ each name and subject type from the first day a delivery used it: the name as known on a past day';
