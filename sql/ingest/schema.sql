-- Raw layer: every delivered row kept as text, with lineage. One table per source, plus the file
-- register and the rejected files and lines. Idempotent: safe to run before every write.
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists quality;
create schema if not exists core;
create schema if not exists marts;
create schema if not exists publish;
create schema if not exists ops;

create table if not exists raw.licenses (
    subject_name varchar,
    subject_type varchar,
    uscc varchar,
    business_reg_no varchar,
    org_code varchar,
    tax_reg_no varchar,
    institution_cert_no varchar,
    social_org_reg_no varchar,
    legal_rep varchar,
    legal_rep_id_type varchar,
    legal_rep_id_no varchar,
    person_id_type varchar,
    person_id_no varchar,
    decision_doc_name varchar,
    decision_doc_no varchar,
    license_category varchar,
    certificate_name varchar,
    license_no varchar,
    content varchar,
    decision_date varchar,
    valid_from varchar,
    valid_to varchar,
    authority varchar,
    authority_uscc varchar,
    status varchar,
    source_unit varchar,
    source_unit_uscc varchar,
    remarks varchar,
    local_code varchar,
    source_timestamp varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.licenses is '原始行政许可数据（全部为文本） / raw licenses rows as delivered, all text';
comment on column raw.licenses.subject_name is '行政相对人名称 / subject_name (XK_XDR_MC)';
comment on column raw.licenses.subject_type is '行政相对人类别 / subject_type (XK_XDR_LB)';
comment on column raw.licenses.uscc is '统一社会信用代码 / uscc (XK_XDR_SHXYM)';
comment on column raw.licenses.business_reg_no is '工商注册号 / business_reg_no (XK_XDR_GSZC)';
comment on column raw.licenses.org_code is '组织机构代码 / org_code (XK_XDR_ZZJG)';
comment on column raw.licenses.tax_reg_no is '税务登记号 / tax_reg_no (XK_XDR_SWDJ)';
comment on column raw.licenses.institution_cert_no is '事业单位证书号 / institution_cert_no (XK_XDR_SYDW)';
comment on column raw.licenses.social_org_reg_no is '社会组织登记证号 / social_org_reg_no (XK_XDR_SHZZ)';
comment on column raw.licenses.legal_rep is '法定代表人 / legal_rep (XK_FRDB)';
comment on column raw.licenses.legal_rep_id_type is '法定代表人证件类型 / legal_rep_id_type (XK_FR_ZJLX)';
comment on column raw.licenses.legal_rep_id_no is '法定代表人证件号码 / legal_rep_id_no (XK_FR_ZJHM)';
comment on column raw.licenses.person_id_type is '证件类型 / person_id_type (XK_XDR_ZJLX)';
comment on column raw.licenses.person_id_no is '证件号码 / person_id_no (XK_XDR_ZJHM)';
comment on column raw.licenses.decision_doc_name is '行政许可决定文书名称 / decision_doc_name (XK_XKWS)';
comment on column raw.licenses.decision_doc_no is '行政许可决定文书号 / decision_doc_no (XK_WSH)';
comment on column raw.licenses.license_category is '许可类别 / license_category (XK_XKLB)';
comment on column raw.licenses.certificate_name is '许可证书名称 / certificate_name (XK_XKZS)';
comment on column raw.licenses.license_no is '许可编号 / license_no (XK_XKBH)';
comment on column raw.licenses.content is '许可内容 / content (XK_NR)';
comment on column raw.licenses.decision_date is '许可决定日期 / decision_date (XK_JDRQ)';
comment on column raw.licenses.valid_from is '有效期自 / valid_from (XK_YXQZ)';
comment on column raw.licenses.valid_to is '有效期至 / valid_to (XK_YXQZI)';
comment on column raw.licenses.authority is '许可机关 / authority (XK_XKJG)';
comment on column raw.licenses.authority_uscc is '许可机关统一社会信用代码 / authority_uscc (XK_XKJGDM)';
comment on column raw.licenses.status is '当前状态 / status (XK_ZT)';
comment on column raw.licenses.source_unit is '数据来源单位 / source_unit (XK_LYDW)';
comment on column raw.licenses.source_unit_uscc is '数据来源单位统一社会信用代码 / source_unit_uscc (XK_LYDWDM)';
comment on column raw.licenses.remarks is '备注 / remarks (BZ)';
comment on column raw.licenses.local_code is '地方编码 / local_code (DFBM)';
comment on column raw.licenses.source_timestamp is '数据更新时间戳 / source_timestamp (SJC)';
comment on column raw.licenses.source is '数据源 / source';
comment on column raw.licenses.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.licenses.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.licenses.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.licenses.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.licenses.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.licenses.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.licenses.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.licenses.ingested_at is '入库时间 / ingest time';
comment on column raw.licenses.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.penalties (
    subject_name varchar,
    subject_type varchar,
    uscc varchar,
    business_reg_no varchar,
    org_code varchar,
    tax_reg_no varchar,
    institution_cert_no varchar,
    social_org_reg_no varchar,
    legal_rep varchar,
    legal_rep_id_type varchar,
    legal_rep_id_no varchar,
    person_id_type varchar,
    person_id_no varchar,
    decision_doc_no varchar,
    violation_type varchar,
    violation_facts varchar,
    legal_basis varchar,
    penalty_categories varchar,
    penalty_content varchar,
    fine_10k_yuan varchar,
    confiscated_10k_yuan varchar,
    suspended_licence varchar,
    decision_date varchar,
    penalty_valid_to varchar,
    publicity_until varchar,
    authority varchar,
    authority_uscc varchar,
    source_unit varchar,
    source_unit_uscc varchar,
    remarks varchar,
    penalty_categories_2 varchar,
    status varchar,
    local_code varchar,
    source_timestamp varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.penalties is '原始行政处罚数据（全部为文本） / raw penalties rows as delivered, all text';
comment on column raw.penalties.subject_name is '行政相对人名称 / subject_name (CF_XDR_MC)';
comment on column raw.penalties.subject_type is '行政相对人类别 / subject_type (CF_XDR_LB)';
comment on column raw.penalties.uscc is '统一社会信用代码 / uscc (CF_XDR_SHXYM)';
comment on column raw.penalties.business_reg_no is '工商注册号 / business_reg_no (CF_XDR_GSZC)';
comment on column raw.penalties.org_code is '组织机构代码 / org_code (CF_XDR_ZZJG)';
comment on column raw.penalties.tax_reg_no is '税务登记号 / tax_reg_no (CF_XDR_SWDJ)';
comment on column raw.penalties.institution_cert_no is '事业单位证书号 / institution_cert_no (CF_XDR_SYDW)';
comment on column raw.penalties.social_org_reg_no is '社会组织登记证号 / social_org_reg_no (CF_XDR_SHZZ)';
comment on column raw.penalties.legal_rep is '法定代表人 / legal_rep (CF_FRDB)';
comment on column raw.penalties.legal_rep_id_type is '法定代表人证件类型 / legal_rep_id_type (CF_FR_ZJLX)';
comment on column raw.penalties.legal_rep_id_no is '法定代表人证件号码 / legal_rep_id_no (CF_FR_ZJHM)';
comment on column raw.penalties.person_id_type is '证件类型 / person_id_type (CF_XDR_ZJLX)';
comment on column raw.penalties.person_id_no is '证件号码 / person_id_no (CF_XDR_ZJHM)';
comment on column raw.penalties.decision_doc_no is '行政处罚决定书文号 / decision_doc_no (CF_WSH)';
comment on column raw.penalties.violation_type is '违法行为类型 / violation_type (CF_WFXW)';
comment on column raw.penalties.violation_facts is '违法事实 / violation_facts (CF_SY)';
comment on column raw.penalties.legal_basis is '处罚依据 / legal_basis (CF_YJ)';
comment on column raw.penalties.penalty_categories is '处罚类别 / penalty_categories (CF_CFLB)';
comment on column raw.penalties.penalty_content is '处罚内容 / penalty_content (CF_NR)';
comment on column raw.penalties.fine_10k_yuan is '罚款金额（万元） / fine_10k_yuan (CF_NR_FK)';
comment on column raw.penalties.confiscated_10k_yuan is '没收违法所得、没收非法财物的金额（万元） / confiscated_10k_yuan (CF_NR_WFFF)';
comment on column raw.penalties.suspended_licence is '暂扣或吊销证照名称及编号 / suspended_licence (CF_NR_ZKDX)';
comment on column raw.penalties.decision_date is '处罚决定日期 / decision_date (CF_JDRQ)';
comment on column raw.penalties.penalty_valid_to is '处罚有效期 / penalty_valid_to (CF_YXQ)';
comment on column raw.penalties.publicity_until is '公示截止期 / publicity_until (CF_GSJZQ)';
comment on column raw.penalties.authority is '处罚机关 / authority (CF_CFJG)';
comment on column raw.penalties.authority_uscc is '处罚机关统一社会信用代码 / authority_uscc (CF_CFJGDM)';
comment on column raw.penalties.source_unit is '数据来源单位 / source_unit (CF_SJLY)';
comment on column raw.penalties.source_unit_uscc is '数据来源单位统一社会信用代码 / source_unit_uscc (CF_SJLYDM)';
comment on column raw.penalties.remarks is '备注 / remarks (BZ)';
comment on column raw.penalties.penalty_categories_2 is '处罚类别2 / penalty_categories_2 (CF_CFLB2)';
comment on column raw.penalties.status is '当前状态 / status (CF_ZT)';
comment on column raw.penalties.local_code is '地方编码 / local_code (DFBM)';
comment on column raw.penalties.source_timestamp is '数据更新时间戳 / source_timestamp (SJC)';
comment on column raw.penalties.source is '数据源 / source';
comment on column raw.penalties.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.penalties.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.penalties.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.penalties.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.penalties.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.penalties.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.penalties.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.penalties.ingested_at is '入库时间 / ingest time';
comment on column raw.penalties.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.procurement (
    project_code varchar,
    lot_no varchar,
    project_name varchar,
    purchaser varchar,
    purchaser_uscc varchar,
    procurement_method varchar,
    supplier_name varchar,
    supplier_uscc varchar,
    consortium_usccs varchar,
    bid_deadline varchar,
    credit_checked_on varchar,
    award_date varchar,
    award_amount_yuan varchar,
    contract_date varchar,
    performance_status varchar,
    acceptance_result varchar,
    cancelled_on varchar,
    cancel_reason varchar,
    source_unit varchar,
    source_unit_uscc varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.procurement is '原始政府采购数据（全部为文本） / raw procurement rows as delivered, all text';
comment on column raw.procurement.project_code is '项目编号 / project_code (CG_XMBH)';
comment on column raw.procurement.lot_no is '包号 / lot_no (CG_BH)';
comment on column raw.procurement.project_name is '项目名称 / project_name (CG_XMMC)';
comment on column raw.procurement.purchaser is '采购人 / purchaser (CG_CGR)';
comment on column raw.procurement.purchaser_uscc is '采购人统一社会信用代码 / purchaser_uscc (CG_CGRDM)';
comment on column raw.procurement.procurement_method is '采购方式 / procurement_method (CG_CGFS)';
comment on column raw.procurement.supplier_name is '中标（成交）供应商名称 / supplier_name (CG_GYS)';
comment on column raw.procurement.supplier_uscc is '供应商统一社会信用代码 / supplier_uscc (CG_GYSDM)';
comment on column raw.procurement.consortium_usccs is '联合体成员统一社会信用代码 / consortium_usccs (CG_LHT)';
comment on column raw.procurement.bid_deadline is '投标截止日期 / bid_deadline (CG_TBJZ)';
comment on column raw.procurement.credit_checked_on is '信用记录查询日期 / credit_checked_on (CG_XYCX)';
comment on column raw.procurement.award_date is '中标（成交）日期 / award_date (CG_ZBRQ)';
comment on column raw.procurement.award_amount_yuan is '中标（成交）金额（元） / award_amount_yuan (CG_JE)';
comment on column raw.procurement.contract_date is '合同签订日期 / contract_date (CG_HTRQ)';
comment on column raw.procurement.performance_status is '履约状态 / performance_status (CG_LYZT)';
comment on column raw.procurement.acceptance_result is '履约验收结果 / acceptance_result (CG_LYPJ)';
comment on column raw.procurement.cancelled_on is '中标（成交）撤销日期 / cancelled_on (CG_CXRQ)';
comment on column raw.procurement.cancel_reason is '撤销原因 / cancel_reason (CG_CXYY)';
comment on column raw.procurement.source_unit is '数据来源单位 / source_unit (CG_SJLY)';
comment on column raw.procurement.source_unit_uscc is '数据来源单位统一社会信用代码 / source_unit_uscc (CG_SJLYDM)';
comment on column raw.procurement.source is '数据源 / source';
comment on column raw.procurement.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.procurement.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.procurement.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.procurement.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.procurement.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.procurement.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.procurement.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.procurement.ingested_at is '入库时间 / ingest time';
comment on column raw.procurement.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.upstream_lists (
    list_type varchar,
    kind varchar,
    subject_name varchar,
    subject_type varchar,
    uscc varchar,
    person_id_no varchar,
    initiating_department varchar,
    decision_doc_no varchar,
    memorandum varchar,
    listed_on varchar,
    valid_until varchar,
    removed_on varchar,
    removal_reason varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.upstream_lists is '原始联合奖惩名单数据（全部为文本） / raw upstream_lists rows as delivered, all text';
comment on column raw.upstream_lists.list_type is '名单类型 / list_type (MD_LX)';
comment on column raw.upstream_lists.kind is '奖惩类型 / kind (MD_JCLX)';
comment on column raw.upstream_lists.subject_name is '主体名称 / subject_name (MD_ZTMC)';
comment on column raw.upstream_lists.subject_type is '主体类别 / subject_type (MD_ZTLB)';
comment on column raw.upstream_lists.uscc is '统一社会信用代码 / uscc (MD_SHXYM)';
comment on column raw.upstream_lists.person_id_no is '证件号码 / person_id_no (MD_ZJHM)';
comment on column raw.upstream_lists.initiating_department is '认定部门 / initiating_department (MD_RDBM)';
comment on column raw.upstream_lists.decision_doc_no is '认定文书号 / decision_doc_no (MD_RDWH)';
comment on column raw.upstream_lists.memorandum is '合作备忘录 / memorandum (MD_BWL)';
comment on column raw.upstream_lists.listed_on is '列入日期 / listed_on (MD_LRRQ)';
comment on column raw.upstream_lists.valid_until is '有效期至 / valid_until (MD_YXQZ)';
comment on column raw.upstream_lists.removed_on is '移出日期 / removed_on (MD_YCRQ)';
comment on column raw.upstream_lists.removal_reason is '移出原因 / removal_reason (MD_YCYY)';
comment on column raw.upstream_lists.source is '数据源 / source';
comment on column raw.upstream_lists.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.upstream_lists.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.upstream_lists.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.upstream_lists.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.upstream_lists.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.upstream_lists.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.upstream_lists.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.upstream_lists.ingested_at is '入库时间 / ingest time';
comment on column raw.upstream_lists.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.repairs (
    case_no varchar,
    subject_name varchar,
    uscc varchar,
    person_id_no varchar,
    record_doc_no varchar,
    applied_on varchar,
    decision varchar,
    decided_on varchar,
    repair_kind varchar,
    handled_by varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.repairs is '原始信用修复数据（全部为文本） / raw repairs rows as delivered, all text';
comment on column raw.repairs.case_no is '修复申请编号 / case_no (XF_BH)';
comment on column raw.repairs.subject_name is '主体名称 / subject_name (XF_ZTMC)';
comment on column raw.repairs.uscc is '统一社会信用代码 / uscc (XF_SHXYM)';
comment on column raw.repairs.person_id_no is '证件号码 / person_id_no (XF_ZJHM)';
comment on column raw.repairs.record_doc_no is '关联记录文书号 / record_doc_no (XF_GLWH)';
comment on column raw.repairs.applied_on is '申请日期 / applied_on (XF_SQRQ)';
comment on column raw.repairs.decision is '审核结果 / decision (XF_JG)';
comment on column raw.repairs.decided_on is '审核日期 / decided_on (XF_JGRQ)';
comment on column raw.repairs.repair_kind is '修复方式 / repair_kind (XF_FS)';
comment on column raw.repairs.handled_by is '经办单位 / handled_by (XF_JBDW)';
comment on column raw.repairs.source is '数据源 / source';
comment on column raw.repairs.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.repairs.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.repairs.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.repairs.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.repairs.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.repairs.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.repairs.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.repairs.ingested_at is '入库时间 / ingest time';
comment on column raw.repairs.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.objections (
    case_no varchar,
    subject_name varchar,
    uscc varchar,
    person_id_no varchar,
    record_doc_no varchar,
    claim varchar,
    accepted_on varchar,
    verdict varchar,
    correction varchar,
    closed_on varchar,
    handled_by varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.objections is '原始异议申诉数据（全部为文本） / raw objections rows as delivered, all text';
comment on column raw.objections.case_no is '异议编号 / case_no (YY_BH)';
comment on column raw.objections.subject_name is '主体名称 / subject_name (YY_ZTMC)';
comment on column raw.objections.uscc is '统一社会信用代码 / uscc (YY_SHXYM)';
comment on column raw.objections.person_id_no is '证件号码 / person_id_no (YY_ZJHM)';
comment on column raw.objections.record_doc_no is '关联记录文书号 / record_doc_no (YY_GLWH)';
comment on column raw.objections.claim is '异议内容 / claim (YY_NR)';
comment on column raw.objections.accepted_on is '受理日期 / accepted_on (YY_SLRQ)';
comment on column raw.objections.verdict is '核实结果 / verdict (YY_JG)';
comment on column raw.objections.correction is '更正内容 / correction (YY_GZNR)';
comment on column raw.objections.closed_on is '办结日期 / closed_on (YY_BJRQ)';
comment on column raw.objections.handled_by is '经办单位 / handled_by (YY_JBDW)';
comment on column raw.objections.source is '数据源 / source';
comment on column raw.objections.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.objections.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.objections.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.objections.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.objections.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.objections.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.objections.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.objections.ingested_at is '入库时间 / ingest time';
comment on column raw.objections.run_id is 'Dagster运行ID / run that loaded the row';
create table if not exists raw.applications (
    application_no varchar,
    programme varchar,
    kind varchar,
    subject_name varchar,
    subject_type varchar,
    uscc varchar,
    person_id_no varchar,
    applied_on varchar,
    amount_yuan varchar,
    decision varchar,
    decided_on varchar,
    decision_reason varchar,
    source_unit varchar,
    source_unit_uscc varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.applications is '原始财政补助与政策扶持申请数据（全部为文本） / raw applications rows as delivered, all text';
comment on column raw.applications.application_no is '申请编号 / application_no (SQ_BH)';
comment on column raw.applications.programme is '项目（资金）名称 / programme (SQ_XM)';
comment on column raw.applications.kind is '申请类别 / kind (SQ_LX)';
comment on column raw.applications.subject_name is '申请主体名称 / subject_name (SQ_ZTMC)';
comment on column raw.applications.subject_type is '申请主体类别 / subject_type (SQ_ZTLB)';
comment on column raw.applications.uscc is '统一社会信用代码 / uscc (SQ_SHXYM)';
comment on column raw.applications.person_id_no is '证件号码 / person_id_no (SQ_ZJHM)';
comment on column raw.applications.applied_on is '申请日期 / applied_on (SQ_SQRQ)';
comment on column raw.applications.amount_yuan is '申请金额（元） / amount_yuan (SQ_JE)';
comment on column raw.applications.decision is '审批结果 / decision (SQ_JG)';
comment on column raw.applications.decided_on is '审批日期 / decided_on (SQ_JGRQ)';
comment on column raw.applications.decision_reason is '审批意见（不予理由） / decision_reason (SQ_JGYY)';
comment on column raw.applications.source_unit is '数据来源单位 / source_unit (SQ_SJLY)';
comment on column raw.applications.source_unit_uscc is '数据来源单位统一社会信用代码 / source_unit_uscc (SQ_SJLYDM)';
comment on column raw.applications.source is '数据源 / source';
comment on column raw.applications.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.applications.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.applications.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.applications.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.applications.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.applications.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.applications.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.applications.ingested_at is '入库时间 / ingest time';
comment on column raw.applications.run_id is 'Dagster运行ID / run that loaded the row';
create table if not exists raw.commitments (
    commitment_no varchar,
    subject_name varchar,
    subject_type varchar,
    uscc varchar,
    person_id_no varchar,
    commitment_type varchar,
    matter varchar,
    content varchar,
    committed_on varchar,
    due_on varchar,
    accepting_unit varchar,
    publicity varchar,
    fulfilment varchar,
    checked_on varchar,
    source varchar,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reporting_date date,
    header_style varchar,
    extras json,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.commitments is '原始信用承诺数据（全部为文本） / raw commitments rows as delivered, all text';
comment on column raw.commitments.commitment_no is '承诺编号 / commitment_no (CN_BH)';
comment on column raw.commitments.subject_name is '承诺主体名称 / subject_name (CN_ZTMC)';
comment on column raw.commitments.subject_type is '承诺主体类别 / subject_type (CN_ZTLB)';
comment on column raw.commitments.uscc is '统一社会信用代码 / uscc (CN_SHXYM)';
comment on column raw.commitments.person_id_no is '证件号码 / person_id_no (CN_ZJHM)';
comment on column raw.commitments.commitment_type is '承诺类型 / commitment_type (CN_LX)';
comment on column raw.commitments.matter is '承诺事项 / matter (CN_SX)';
comment on column raw.commitments.content is '承诺内容 / content (CN_NR)';
comment on column raw.commitments.committed_on is '承诺日期 / committed_on (CN_RQ)';
comment on column raw.commitments.due_on is '承诺期限 / due_on (CN_QX)';
comment on column raw.commitments.accepting_unit is '受理单位 / accepting_unit (CN_SLDW)';
comment on column raw.commitments.publicity is '公开方式 / publicity (CN_GKFS)';
comment on column raw.commitments.fulfilment is '履约状态 / fulfilment (CN_LYZT)';
comment on column raw.commitments.checked_on is '核查日期 / checked_on (CN_HCRQ)';
comment on column raw.commitments.source is '数据源 / source';
comment on column raw.commitments.source_file is '文件相对路径 / landing file path, relative to the landing root';
comment on column raw.commitments.file_sha256 is '文件SHA-256 / file checksum';
comment on column raw.commitments.sheet is '工作表 / xlsx sheet, empty for csv';
comment on column raw.commitments.source_row is '文件中的行号 / row in the file as a person sees it (xlsx: Excel row; csv: record number, header = 1)';
comment on column raw.commitments.reporting_date is '报送日期 / the day the bureau received the file: the partition key';
comment on column raw.commitments.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.commitments.extras is '未映射列 / delivered columns that map to no canonical field, keyed by header';
comment on column raw.commitments.ingested_at is '入库时间 / ingest time';
comment on column raw.commitments.run_id is 'Dagster运行ID / run that loaded the row';

create table if not exists raw.landing_files (
    source varchar,
    reporting_date date,
    source_file varchar,
    file_sha256 varchar,
    file_bytes bigint,
    file_format varchar,
    encoding varchar,
    sheets varchar,
    header_style varchar,
    status varchar,
    rows_read bigint,
    rows_loaded bigint,
    rows_rejected bigint,
    duplicate_of varchar,
    message_zh varchar,
    message_en varchar,
    ingested_at timestamp,
    run_id varchar,
    reason_code varchar,
    source_unit varchar
);
comment on table raw.landing_files is '接收文件登记 / one row per landing file per partition: loaded, duplicate delivery or rejected; a file outside every date folder has no partition (reporting_date empty)';
comment on column raw.landing_files.source is '数据源 / source';
comment on column raw.landing_files.reporting_date is '报送日期 / partition; empty for a file outside every date folder, which no partition loads';
comment on column raw.landing_files.source_file is '文件相对路径 / path relative to the landing root';
comment on column raw.landing_files.file_sha256 is '文件SHA-256 / checksum that identifies a re-delivered file';
comment on column raw.landing_files.file_bytes is '文件大小（字节） / size';
comment on column raw.landing_files.file_format is '文件格式 / csv | xlsx | other';
comment on column raw.landing_files.encoding is '识别的编码 / detected encoding: utf-8, utf-8-sig, gb18030';
comment on column raw.landing_files.sheets is '读取的工作表 / sheets read';
comment on column raw.landing_files.header_style is '表头形式 / chinese | field_code | old_template | mixed';
comment on column raw.landing_files.status is '状态 / loaded | duplicate_delivery | rejected';
comment on column raw.landing_files.rows_read is '读取记录数 / data records read (loaded + rejected lines)';
comment on column raw.landing_files.rows_loaded is '入库记录数 / records loaded into the raw table';
comment on column raw.landing_files.rows_rejected is '拒收行数 / lines rejected (wrong field count etc.)';
comment on column raw.landing_files.duplicate_of is '首次报送 / the earlier delivery of the same file (partition and path)';
comment on column raw.landing_files.message_zh is '说明 / message in Chinese';
comment on column raw.landing_files.message_en is 'message in English';
comment on column raw.landing_files.ingested_at is '入库时间 / ingest time';
comment on column raw.landing_files.run_id is 'Dagster运行ID / run id';
comment on column raw.landing_files.reason_code is '原因代码 / why a file was rejected (empty_file, no_header, not_in_date_folder …)';
comment on column raw.landing_files.source_unit is '数据来源单位 / the one unit a file not loaded names inside it, for its correction list; empty otherwise';

create table if not exists raw.rejections (
    source varchar,
    reporting_date date,
    source_file varchar,
    file_sha256 varchar,
    sheet varchar,
    source_row bigint,
    reason_code varchar,
    reason_zh varchar,
    reason_en varchar,
    raw_content varchar,
    ingested_at timestamp,
    run_id varchar
);
comment on table raw.rejections is '拒收文件和行 / files that could not be read and lines that could not be parsed, with the reason';
comment on column raw.rejections.source is '数据源 / source';
comment on column raw.rejections.reporting_date is '报送日期 / partition';
comment on column raw.rejections.source_file is '文件相对路径 / landing file path';
comment on column raw.rejections.file_sha256 is '文件SHA-256 / checksum';
comment on column raw.rejections.sheet is '工作表 / sheet';
comment on column raw.rejections.source_row is '行号 / row in the file, empty for a whole-file rejection';
comment on column raw.rejections.reason_code is '原因代码 / reason code';
comment on column raw.rejections.reason_zh is '拒收原因 / reason in Chinese';
comment on column raw.rejections.reason_en is 'reason in English';
comment on column raw.rejections.raw_content is '原始内容 / the raw line, or the first bytes of an unreadable file';
comment on column raw.rejections.ingested_at is '入库时间 / ingest time';
comment on column raw.rejections.run_id is 'Dagster运行ID / run id';
