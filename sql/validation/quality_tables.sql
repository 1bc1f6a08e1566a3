create table if not exists quality.rejections (
    source varchar,
    reporting_date date,
    record_key varchar,
    source_file varchar,
    sheet varchar,
    source_row bigint,
    source_unit varchar,
    rule_id varchar,
    severity varchar,
    category varchar,
    field varchar,
    value varchar,
    message_zh varchar,
    message_en varchar,
    run_id varchar
);
comment on table quality.rejections is '质量问题清单 / one row per rule violation (reject or warn), with lineage';
comment on column quality.rejections.source is '数据源 / source';
comment on column quality.rejections.reporting_date is '报送日期 / partition';
comment on column quality.rejections.record_key is '记录键 / business key of the record (decision or case number and subject)';
comment on column quality.rejections.source_file is '文件 / landing file';
comment on column quality.rejections.sheet is '工作表 / sheet';
comment on column quality.rejections.source_row is '行号 / row in the file';
comment on column quality.rejections.source_unit is '数据来源单位 / the unit that must correct it';
comment on column quality.rejections.rule_id is '规则编号 / rule id in quality/rules.csv';
comment on column quality.rejections.severity is '级别 / reject (quarantined) or warn (accepted with a warning)';
comment on column quality.rejections.category is '类别 / completeness, validity, accuracy, uniqueness, timeliness';
comment on column quality.rejections.field is '字段 / canonical field';
comment on column quality.rejections.value is '原值 / the value as delivered';
comment on column quality.rejections.message_zh is '问题说明 / what is wrong, in Chinese';
comment on column quality.rejections.message_en is 'what is wrong, in English';
comment on column quality.rejections.run_id is 'Dagster运行ID / run id';

create table if not exists quality.dropped_on_resend (
    source varchar,
    reporting_date date,
    record_key varchar,
    source_file varchar,
    sheet varchar,
    source_row bigint,
    source_unit varchar,
    run_id varchar,
    dropped_at timestamp with time zone,
    kind varchar
);
-- a warehouse validated before a reverted record was told from a withdrawn one
alter table quality.dropped_on_resend add column if not exists kind varchar;
comment on table quality.dropped_on_resend is '重新报送时删去的记录 / records a re-sent day no longer holds: withdrawn (no other delivery holds them) or reverted to an earlier day''s version; kept until a delivery holds them again';
comment on column quality.dropped_on_resend.source is '数据源 / source';
comment on column quality.dropped_on_resend.reporting_date is '报送日期 / the re-sent partition';
comment on column quality.dropped_on_resend.record_key is '记录键 / business key of the record';
comment on column quality.dropped_on_resend.source_file is '文件 / the file that held the record before the re-send';
comment on column quality.dropped_on_resend.sheet is '工作表 / its sheet';
comment on column quality.dropped_on_resend.source_row is '行号 / its row in that file';
comment on column quality.dropped_on_resend.source_unit is '数据来源单位 / the unit that re-sent the day';
comment on column quality.dropped_on_resend.kind is '撤下 withdrawn | 恢复此前版本 reverted: an earlier day''s version is in force again';
comment on column quality.dropped_on_resend.run_id is 'Dagster运行ID / the run that found the record gone';
comment on column quality.dropped_on_resend.dropped_at is '发现时间 / when the run found it gone';
