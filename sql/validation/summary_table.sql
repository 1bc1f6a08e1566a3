create or replace table quality.summary (
    source varchar,
    reporting_date date,
    source_unit varchar,
    rows_received bigint,
    rows_accepted bigint,
    rows_rejected bigint,
    rows_with_warnings bigint,
    violations bigint,
    warnings bigint,
    rows_late bigint
);
comment on table quality.summary is '数据质量汇总 / per source, reporting date and source unit: received, accepted, rejected, warnings, late';
comment on column quality.summary.source is '数据源 / source';
comment on column quality.summary.reporting_date is '报送日期 / reporting date';
comment on column quality.summary.source_unit is '数据来源单位 / source unit';
comment on column quality.summary.rows_received is '报送记录数 / rows received (raw)';
comment on column quality.summary.rows_accepted is '入库记录数 / rows accepted into staging';
comment on column quality.summary.rows_rejected is '拒收记录数 / rows quarantined (at least one reject rule)';
comment on column quality.summary.rows_with_warnings is '有警告的记录数 / accepted rows carrying a warning';
comment on column quality.summary.violations is '拒收问题数 / reject-level violations';
comment on column quality.summary.warnings is '警告数 / warn-level violations';
comment on column quality.summary.rows_late is '超期报送记录数 / accepted rows reported after the 7-working-day deadline';
