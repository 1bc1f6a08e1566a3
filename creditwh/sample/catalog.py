"""Fixed vocabulary of the sample: Gulou agencies and units with their USCCs, license items, penalty cases, lists.
Everything here is data; the record builders pick from it by index so that whole columns are built at once."""

from __future__ import annotations

from dataclasses import dataclass

from creditwh.sample.codes import single_uscc

AREA = "350102"  # 福州市鼓楼区


@dataclass(frozen=True)
class Agency:
    key: str
    name: str  # full legal name, used as 许可机关 / 处罚机关
    short: str  # as people write it in titles: 鼓楼区财政局
    uscc: str
    penalty_doc: str  # decision number pattern; {y} year, {n} sequence number
    license_doc: str


def _agency(key, name, short, org_body, penalty_doc, license_doc, head="11") -> Agency:
    return Agency(key, name, short, single_uscc(head, AREA, org_body), penalty_doc, license_doc)


# Bracket styles differ by agency in real deliveries: 〔〕, [] with 第…号, 【】.
AGENCIES: dict[str, Agency] = {
    a.key: a
    for a in (
        _agency(
            "czj", "福州市鼓楼区财政局", "鼓楼区财政局", "00360158", "榕鼓财罚〔{y}〕{n}号", "榕鼓财许〔{y}〕{n}号"
        ),
        _agency(
            "scjg",
            "福州市鼓楼区市场监督管理局",
            "鼓楼区市场监督管理局",
            "MB1C2837",
            "榕鼓市监罚〔{y}〕{n}号",
            "榕鼓市监许〔{y}〕{n}号",
        ),
        _agency(
            "cgj",
            "福州市鼓楼区城市管理局",
            "鼓楼区城市管理局",
            "MB0H6725",
            "鼓城管罚字[{y}]第{n}号",
            "鼓城管许字[{y}]第{n}号",
        ),
        _agency(
            "wjj", "福州市鼓楼区卫生健康局", "鼓楼区卫生健康局", "MB1C2519", "鼓卫罚〔{y}〕{n}号", "鼓卫许〔{y}〕{n}号"
        ),
        _agency(
            "yjj",
            "福州市鼓楼区应急管理局",
            "鼓楼区应急管理局",
            "MB1C3722",
            "鼓应急罚【{y}】{n}号",
            "鼓应急许【{y}】{n}号",
        ),
        _agency(
            "zjj",
            "福州市鼓楼区住房和城乡建设局",
            "鼓楼区住房和城乡建设局",
            "00360271",
            "榕鼓建罚〔{y}〕{n}号",
            "榕鼓建许〔{y}〕{n}号",
        ),
        _agency(
            "wlj",
            "福州市鼓楼区文化体育和旅游局",
            "鼓楼区文化体育和旅游局",
            "MB1C3087",
            "鼓文旅罚〔{y}〕{n}号",
            "鼓文旅许〔{y}〕{n}号",
        ),
        _agency(
            "rsj",
            "福州市鼓楼区人力资源和社会保障局",
            "鼓楼区人力资源和社会保障局",
            "00360369",
            "鼓人社监罚〔{y}〕{n}号",
            "鼓人社许〔{y}〕{n}号",
        ),
    )
}


@dataclass(frozen=True)
class Unit:
    """A 数据来源单位: the office that delivers files. Offices of a bureau carry the bureau's USCC."""

    key: str
    name: str
    agency: str
    file_stem: str  # file names; one unit names its files in ASCII, as some systems do


UNITS: dict[str, Unit] = {
    u.key: u
    for u in (
        Unit("czj_cg", "鼓楼区财政局政府采购监管科", "czj", "鼓楼区财政局政府采购监管科"),
        Unit("czj_kj", "鼓楼区财政局会计科", "czj", "鼓楼区财政局会计科"),
        Unit("scjg", "鼓楼区市场监督管理局", "scjg", "鼓楼区市场监督管理局"),
        Unit("cgj", "鼓楼区城市管理局", "cgj", "鼓楼区城市管理局"),
        Unit("wjj", "鼓楼区卫生健康局", "wjj", "鼓楼区卫生健康局"),
        Unit("yjj", "鼓楼区应急管理局", "yjj", "鼓楼区应急管理局"),
        Unit("zjj", "鼓楼区住房和城乡建设局", "zjj", "GLZJJ"),
        Unit("wlj", "鼓楼区文化体育和旅游局", "wlj", "鼓楼区文化体育和旅游局"),
        Unit("rsj", "鼓楼区人力资源和社会保障局", "rsj", "鼓楼区人力资源和社会保障局"),
        # Appended, never inserted: records pick units by position, so earlier positions must not move.
        Unit("czj_jj", "鼓楼区财政局经济建设科", "czj", "鼓楼区财政局经济建设科"),
        Unit("czj_sb", "鼓楼区财政局社会保障科", "czj", "鼓楼区财政局社会保障科"),
    )
}


def unit_uscc(unit_key: str) -> str:
    return AGENCIES[UNITS[unit_key].agency].uscc


# Share of each unit in a source's daily volume.
LICENSE_UNITS = {"scjg": 45, "wjj": 15, "cgj": 12, "zjj": 8, "wlj": 7, "rsj": 6, "yjj": 4, "czj_kj": 3}
PENALTY_UNITS = {"scjg": 35, "cgj": 25, "wjj": 10, "yjj": 8, "zjj": 7, "wlj": 5, "rsj": 4, "czj_cg": 3, "czj_kj": 3}

# Subject kinds: 0 organisation, 1 individual business, 2 natural person.
SUBJECT_TYPES = ("法人及非法人组织", "个体工商户", "自然人")


@dataclass(frozen=True)
class LicenseItem:
    agency: str
    doc_name: str  # 行政许可决定文书名称
    category: str  # 许可类别
    certificate: str  # 许可证书名称, may be empty
    number: str  # 许可编号 pattern: {y} year, {n} sequence, {uscc}
    content: str  # 许可内容
    years: float | None  # validity; None is open-ended (长期 / 2099-12-31)
    kinds: tuple[float, float, float]  # weights of organisation, individual business, natural person


LICENSE_ITEMS: tuple[LicenseItem, ...] = (
    LicenseItem(
        "scjg",
        "食品经营许可决定书",
        "普通",
        "食品经营许可证",
        "JY1350102{n:07d}",
        "经营项目：预包装食品销售（含冷藏冷冻食品）；散装食品销售（不含散装熟食）",
        5,
        (0.5, 0.5, 0),
    ),
    LicenseItem(
        "scjg",
        "食品经营许可决定书",
        "普通",
        "食品经营许可证",
        "JY2350102{n:07d}",
        "经营项目：热食类食品制售；冷食类食品制售；自制饮品制售",
        5,
        (0.4, 0.6, 0),
    ),
    LicenseItem(
        "scjg",
        "准予设立登记通知书",
        "登记",
        "营业执照",
        "{uscc}",
        "准予设立登记。经营范围：一般项目：技术服务、技术开发、技术咨询；软件开发；信息系统集成服务",
        None,
        (0.7, 0.3, 0),
    ),
    LicenseItem(
        "scjg",
        "准予变更登记通知书",
        "登记",
        "营业执照",
        "{uscc}",
        "准予变更登记，变更事项：住所、经营范围",
        None,
        (0.8, 0.2, 0),
    ),
    LicenseItem(
        "scjg",
        "特种设备使用登记决定书",
        "登记",
        "特种设备使用登记证",
        "梯11闽A{n:05d}({y2})",
        "电梯使用登记，设备品种：曳引驱动乘客电梯",
        None,
        (1, 0, 0),
    ),
    LicenseItem(
        "wjj",
        "公共场所卫生许可决定书",
        "普通",
        "公共场所卫生许可证",
        "闽卫公证字〔{y}〕第350102{n:06d}号",
        "许可项目：美容店、理发店",
        4,
        (0.4, 0.6, 0),
    ),
    LicenseItem(
        "wjj",
        "医疗机构执业许可决定书",
        "登记",
        "医疗机构执业许可证",
        "PDY{n:05d}335010217A1002",
        "诊疗科目：内科；外科；口腔科；医学检验科",
        5,
        (1, 0, 0),
    ),
    LicenseItem(
        "wjj",
        "医师执业注册决定书",
        "认可",
        "医师执业证书",
        "11035010{n:07d}",
        "执业类别：临床；执业范围：内科专业；执业地点：福州市",
        None,
        (0, 0, 1),
    ),
    LicenseItem(
        "wjj",
        "护士执业注册决定书",
        "认可",
        "护士执业证书",
        "{y}350102{n:06d}",
        "护士执业注册，执业地点：福州市鼓楼区",
        5,
        (0, 0, 1),
    ),
    LicenseItem(
        "cgj",
        "城市建筑垃圾处置核准决定书",
        "核准",
        "城市建筑垃圾处置核准证",
        "鼓建垃核〔{y}〕{n}号",
        "准予在鼓楼区范围内处置建筑垃圾，消纳场所：福州市建筑垃圾资源化利用中心",
        1,
        (0.95, 0.05, 0),
    ),
    LicenseItem(
        "cgj",
        "户外广告设施设置许可决定书",
        "普通",
        "户外广告设置许可证",
        "鼓户广〔{y}〕{n}号",
        "准予设置户外招牌广告，设置地点：福州市鼓楼区五四路",
        1,
        (0.6, 0.4, 0),
    ),
    LicenseItem(
        "cgj",
        "临时占用城市道路许可决定书",
        "普通",
        "",
        "",
        "准予临时占用城市道路，用途：施工围挡",
        0.25,
        (0.4, 0.2, 0.4),
    ),
    LicenseItem(
        "zjj",
        "建筑工程施工许可决定书",
        "普通",
        "建筑工程施工许可证",
        "350102{y}{n:04d}0101",
        "建设规模：地上18层，地下2层，总建筑面积32,560平方米",
        3,
        (1, 0, 0),
    ),
    LicenseItem(
        "zjj",
        "燃气经营许可决定书",
        "特许",
        "燃气经营许可证",
        "闽{y}0102{n:04d}",
        "经营类别：瓶装液化石油气供应",
        3,
        (1, 0, 0),
    ),
    LicenseItem(
        "zjj",
        "商品房预售许可决定书",
        "核准",
        "商品房预售许可证",
        "榕房许字（{y}）第{n}号",
        "准予预售商品住房，预售面积12,480平方米",
        None,
        (1, 0, 0),
    ),
    LicenseItem(
        "wlj",
        "娱乐场所经营许可决定书",
        "普通",
        "娱乐经营许可证",
        "350102{y}{n:04d}",
        "经营范围：歌舞娱乐场所",
        2,
        (0.8, 0.2, 0),
    ),
    LicenseItem(
        "wlj", "营业性演出许可决定书", "其他", "营业性演出许可证", "350102{n:06d}", "准予举办营业性演出", 2, (1, 0, 0)
    ),
    LicenseItem(
        "rsj",
        "劳务派遣经营许可决定书",
        "普通",
        "劳务派遣经营许可证",
        "350102{y}{n:04d}",
        "准予从事劳务派遣经营业务",
        3,
        (1, 0, 0),
    ),
    LicenseItem(
        "rsj",
        "人力资源服务许可决定书",
        "普通",
        "人力资源服务许可证",
        "(闽)人服证字〔{y}〕第0102{n:04d}号",
        "职业介绍；人力资源供求信息的收集和发布；人力资源管理咨询",
        None,
        (1, 0, 0),
    ),
    LicenseItem(
        "yjj",
        "危险化学品经营许可决定书",
        "普通",
        "危险化学品经营许可证",
        "闽榕鼓危化经字〔{y}〕{n:06d}",
        "经营方式：批发（不带储存）；许可范围：汽油、柴油、乙醇[无水]",
        3,
        (1, 0, 0),
    ),
    LicenseItem(
        "czj",
        "代理记账许可决定书",
        "普通",
        "代理记账许可证书",
        "DLJZ35010220{y2}{n:04d}",
        "准予从事代理记账业务",
        None,
        (1, 0, 0),
    ),
)


@dataclass(frozen=True)
class PenaltyCase:
    agency: str
    violation: str  # 违法行为类型
    act: str  # what the subject did, for 违法事实
    basis: str  # 处罚依据
    # (categories, weight, fine range in yuan or None, confiscation range or None, licence revoked/suspended or "")
    outcomes: tuple[tuple[str, float, tuple[int, int] | None, tuple[int, int] | None, str], ...]
    kinds: tuple[float, float, float]
    v: tuple[int, int] = (2, 50)  # range of the number {v} in the act


PENALTY_CASES: tuple[PenaltyCase, ...] = (
    PenaltyCase(
        "scjg",
        "经营超过保质期的食品",
        "经营超过保质期的预包装食品，涉案货值金额{v}元",
        "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
        (
            ("没收违法所得;罚款", 6, (50000, 150000), (200, 5000), ""),
            ("罚款", 3, (50000, 100000), None, ""),
            ("警告", 1, None, None, ""),
            ("没收违法所得;罚款;吊销许可证件", 0.25, (100000, 300000), (1000, 20000), "食品经营许可证"),
        ),
        (0.5, 0.45, 0.05),
        v=(50, 5000),
    ),
    PenaltyCase(
        "scjg",
        "未取得食品经营许可从事食品经营活动",
        "未取得食品经营许可从事食品销售活动，违法所得{v}元",
        "《中华人民共和国食品安全法》第一百二十二条第一款",
        (
            ("没收违法所得;没收非法财物;罚款", 3, (50000, 100000), (500, 8000), ""),
            ("没收违法所得;罚款", 5, (50000, 120000), (300, 6000), ""),
        ),
        (0.3, 0.5, 0.2),
        v=(200, 8000),
    ),
    PenaltyCase(
        "scjg",
        "发布虚假广告",
        "通过微信公众号发布含有虚假内容的广告，广告费用{v}元",
        "《中华人民共和国广告法》第五十五条第一款",
        (
            ("罚款", 6, (10000, 200000), None, ""),
            ("罚款", 0.3, (2000000, 3600000), None, ""),
            ("通报批评;罚款", 1, (10000, 60000), None, ""),
        ),
        (0.9, 0.1, 0),
        v=(500, 50000),
    ),
    PenaltyCase(
        "scjg",
        "不明码标价",
        "销售商品未按规定明码标价，涉及商品{v}种",
        "《明码标价和禁止价格欺诈规定》第二十一条",
        (("警告", 1.5, None, None, ""), ("罚款", 4, (1000, 5000), None, "")),
        (0.4, 0.6, 0),
        v=(3, 60),
    ),
    PenaltyCase(
        "cgj",
        "未经批准擅自设置户外广告",
        "未经批准在建筑物外墙擅自设置户外广告牌，面积约{v}平方米",
        "《福州市户外广告设置管理办法》第三十一条",
        (("罚款", 6, (5000, 20000), None, ""), ("警告", 1, None, None, "")),
        (0.6, 0.4, 0),
        v=(2, 60),
    ),
    PenaltyCase(
        "cgj",
        "擅自占用城市道路经营",
        "擅自占用城市道路摆摊设点经营，占道面积约{v}平方米",
        "《城市市容和环境卫生管理条例》第三十六条",
        (("罚款", 5, (200, 2000), None, ""), ("警告", 1.5, None, None, "")),
        (0.1, 0.5, 0.4),
        v=(1, 20),
    ),
    PenaltyCase(
        "cgj",
        "未按规定处置建筑垃圾",
        "运输建筑垃圾途中沿途丢弃、遗撒，污染路面约{v}平方米",
        "《城市建筑垃圾管理规定》第二十三条",
        (
            ("罚款", 5, (5000, 50000), None, ""),
            ("罚款;暂扣许可证件", 1, (10000, 50000), None, "城市建筑垃圾处置核准证"),
        ),
        (0.95, 0.05, 0),
        v=(10, 2000),
    ),
    PenaltyCase(
        "wjj",
        "公共场所未取得卫生许可证擅自营业",
        "未取得公共场所卫生许可证擅自营业，经营面积约{v}平方米",
        "《公共场所卫生管理条例实施细则》第三十五条",
        (("警告;罚款", 5, (500, 5000), None, ""), ("警告", 1, None, None, "")),
        (0.4, 0.6, 0),
        v=(20, 800),
    ),
    PenaltyCase(
        "wjj",
        "使用非卫生技术人员从事医疗卫生技术工作",
        "使用非卫生技术人员从事医疗卫生技术工作，涉及{v}人次",
        "《医疗机构管理条例》第四十八条",
        (
            ("罚款", 4, (10000, 100000), None, ""),
            ("罚款;吊销许可证件", 0.4, (100000, 300000), None, "医疗机构执业许可证"),
            ("罚款;其他-责令限期改正", 2, (10000, 50000), None, ""),
        ),
        (1, 0, 0),
        v=(3, 300),
    ),
    PenaltyCase(
        "yjj",
        "未按规定对从业人员进行安全生产教育和培训",
        "未按规定对{v}名从业人员进行安全生产教育和培训",
        "《中华人民共和国安全生产法》第九十七条第（三）项",
        (("罚款", 6, (10000, 100000), None, ""), ("警告", 1, None, None, "")),
        (1, 0, 0),
        v=(2, 80),
    ),
    PenaltyCase(
        "yjj",
        "生产经营单位发生一般生产安全事故",
        "发生一般生产安全事故，造成{v}人受伤",
        "《中华人民共和国安全生产法》第一百一十四条第一款第（一）项",
        (("罚款", 3, (300000, 1000000), None, ""), ("责令停产停业;罚款", 0.6, (300000, 1000000), None, "")),
        (1, 0, 0),
        v=(1, 3),
    ),
    PenaltyCase(
        "zjj",
        "未取得施工许可证擅自施工",
        "未取得施工许可证擅自开工建设，工程合同价款{v}万元",
        "《建设工程质量管理条例》第五十七条",
        (("罚款", 5, (50000, 800000), None, ""), ("罚款", 0.4, (2000000, 4000000), None, "")),
        (1, 0, 0),
        v=(50, 5000),
    ),
    PenaltyCase(
        "wlj",
        "旅行社未与旅游者签订旅游合同",
        "未与{v}名旅游者签订书面旅游合同",
        "《中华人民共和国旅游法》第九十八条",
        (("罚款", 5, (10000, 50000), None, ""), ("警告", 1, None, None, "")),
        (1, 0, 0),
        v=(5, 200),
    ),
    PenaltyCase(
        "wlj",
        "娱乐场所超时营业",
        "在规定营业时间以外营业，超时{v}小时",
        "《娱乐场所管理条例》第四十八条第一款",
        (("警告;罚款", 4, (5000, 20000), None, ""), ("责令停产停业", 0.5, None, None, "")),
        (0.8, 0.2, 0),
        v=(1, 4),
    ),
    PenaltyCase(
        "rsj",
        "未按规定订立书面劳动合同",
        "用工未与{v}名劳动者订立书面劳动合同",
        "《劳动保障监察条例》第二十四条",
        (("罚款", 5, (2000, 20000), None, ""), ("警告", 1, None, None, "")),
        (0.8, 0.2, 0),
        v=(2, 50),
    ),
    PenaltyCase(
        "czj",
        "提供虚假材料谋取中标",
        "在参加鼓楼区政府采购项目中提供虚假的业绩证明材料谋取中标，合同金额{v}万元",
        "《中华人民共和国政府采购法》第七十七条第一款第（一）项",
        (
            ("罚款;其他-一年内禁止参加政府采购活动", 5, (500, 3000), None, ""),
            ("罚款;没收违法所得;其他-二年内禁止参加政府采购活动", 1, (1000, 5000), (20000, 200000), ""),
        ),
        (1, 0, 0),
        v=(20, 900),
    ),
    PenaltyCase(
        "czj",
        "违反会计法规定未依法设置会计账簿",
        "未依法设置会计账簿，涉及会计年度{v}个",
        "《中华人民共和国会计法》第四十一条第一款",
        (("通报批评;罚款", 4, (20000, 100000), None, ""), ("警告", 1, None, None, "")),
        (1, 0, 0),
        v=(1, 3),
    ),
)

# Which penalty cases each unit delivers (the finance bureau's two offices split its cases).
PENALTY_UNIT_CASES = {
    "czj_cg": ("提供虚假材料谋取中标",),
    "czj_kj": ("违反会计法规定未依法设置会计账簿",),
}


@dataclass(frozen=True)
class ListType:
    name: str  # 名单类型
    kind: str  # 奖惩类型
    department: str  # 认定部门
    department_short: str
    doc: str  # decision number pattern
    memorandum: str
    years: float | None  # validity; None = until removed
    kinds: tuple[float, float, float]
    weight: float


LIST_TYPES: tuple[ListType, ...] = (
    ListType(
        "失信被执行人",
        "惩戒",
        "福州市鼓楼区人民法院",
        "鼓楼区人民法院",
        "（{y}）闽0102执{n}号",
        "关于对失信被执行人实施联合惩戒的合作备忘录",
        None,
        (0.45, 0.2, 0.35),
        4,
    ),
    ListType(
        "重大税收违法失信主体",
        "惩戒",
        "国家税务总局福州市鼓楼区税务局",
        "鼓楼区税务局",
        "榕鼓税稽罚〔{y}〕{n}号",
        "关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录",
        3,
        (0.8, 0.2, 0),
        2,
    ),
    ListType(
        "政府采购严重违法失信行为记录名单",
        "惩戒",
        "福州市鼓楼区财政局",
        "鼓楼区财政局政府采购监管科",
        "榕鼓财采处〔{y}〕{n}号",
        "关于对违法失信上市公司相关责任主体实施联合惩戒的合作备忘录",
        2,
        (1, 0, 0),
        1,
    ),
    ListType(
        "纳税信用A级纳税人",
        "激励",
        "国家税务总局福州市鼓楼区税务局",
        "鼓楼区税务局",
        "榕鼓税信〔{y}〕{n}号",
        "关于对纳税信用A级纳税人实施联合激励措施的合作备忘录",
        1,
        (0.9, 0.1, 0),
        3,
    ),
    ListType(
        "守合同重信用企业",
        "激励",
        "福建省市场监督管理局",
        "福建省市场监督管理局",
        "闽市监信〔{y}〕{n}号",
        "",
        2,
        (1, 0, 0),
        1,
    ),
)

PROCUREMENT_UNIT = "czj_cg"
PURCHASERS: tuple[tuple[str, str, str], ...] = (  # name, registering authority + kind, organisation body
    ("福州市鼓楼区教育局", "11", "00360201"),
    ("福州市鼓楼第一中心小学", "12", "48865113"),
    ("福州市鼓楼区实验小学", "12", "48865279"),
    ("福州市鼓楼区医院", "12", "48870052"),
    ("福州市鼓楼区鼓东街道办事处", "11", "00360412"),
    ("福州市鼓楼区温泉街道社区卫生服务中心", "12", "48871346"),
    ("福州市鼓楼区机关事务服务中心", "12", "MB0F5536"),
    ("福州市鼓楼区城市管理局", "11", "MB0H6725"),
    ("福州市鼓楼区图书馆", "12", "48866409"),
    ("福州市鼓楼区财政局", "11", "00360158"),
)
PROCUREMENT_GOODS = (
    "教学设备采购项目",
    "物业管理服务采购项目",
    "信息化系统建设项目",
    "办公家具采购项目",
    "食堂食材配送服务项目",
    "绿化养护服务项目",
    "安保服务采购项目",
    "印刷服务定点采购项目",
    "医疗设备采购项目",
    "道路保洁服务项目",
    "智慧社区平台运维服务项目",
    "校园监控系统改造项目",
)
PROCUREMENT_METHODS = {  # 政府采购法 and 2022 framework-agreement rules; weights are typical district shares
    "公开招标": 35,
    "竞争性磋商": 25,
    "竞争性谈判": 10,
    "询价": 10,
    "单一来源": 5,
    "邀请招标": 3,
    "框架协议采购": 10,
    "合作创新采购": 2,
}


@dataclass(frozen=True)
class Programme:
    """A fund or policy that subjects apply to (财政补助与政策扶持申请)."""

    name: str  # 项目（资金）名称; {y} is the year applied in
    kind: str  # 申请类别: 财政补助 | 政策扶持 | PPP
    unit: str  # the office that receives the applications and delivers the file
    kinds: tuple[float, float, float]  # weights of organisation, individual business, natural person
    amount: tuple[int, int]  # applied amount in yuan
    weight: float


PROGRAMMES: tuple[Programme, ...] = (
    Programme("{y}年鼓楼区中小企业发展专项资金", "财政补助", "czj_jj", (0.8, 0.2, 0), (50_000, 2_000_000), 5),
    Programme("鼓楼区科技型企业研发费用补助", "财政补助", "czj_jj", (1, 0, 0), (50_000, 1_500_000), 4),
    Programme("鼓楼区商贸流通企业促消费政策扶持", "政策扶持", "czj_jj", (0.6, 0.4, 0), (50_000, 800_000), 2),
    Programme("鼓楼区老旧小区改造PPP项目", "PPP", "czj_jj", (1, 0, 0), (1_000_000, 5_000_000), 0.6),
    Programme("鼓楼区智慧停车PPP项目", "PPP", "czj_jj", (1, 0, 0), (1_000_000, 5_000_000), 0.4),
    Programme("鼓楼区稳岗就业补贴", "财政补助", "czj_sb", (0.65, 0.35, 0), (50_000, 600_000), 4),
    Programme("{y}年鼓楼区创业担保贷款贴息", "政策扶持", "czj_sb", (0.2, 0.4, 0.4), (50_000, 300_000), 1.5),
    Programme("鼓楼区高层次人才安居补助", "政策扶持", "czj_sb", (0, 0, 1), (50_000, 500_000), 0.5),
)

OBJECTION_CLAIMS = (
    "公示的行政处罚信息中法定代表人姓名有误",
    "处罚决定已被行政复议决定撤销，申请撤销公示",
    "罚款已缴纳，公示的处罚内容与决定书不一致",
    "当事人名称与营业执照不一致，申请更正",
)

# Name parts for subjects: trade names, industries, shop kinds, Gulou roads (for 违法事实 addresses).
TRADE_CHARS = (
    "鑫华盛恒泰宏达兴隆瑞祥福顺安康信诚德源丰荣嘉佳和润海天宇新星明博睿晨创汇联通中金锦绣凯乐美鸿鹏志远融聚合正"
    "东方闽榕冠辉煌龙腾骏益启航卓越优品尚雅致臻拓智云帆鼎盈铭浩宸煜"
)
INDUSTRIES = (
    "科技",
    "信息技术",
    "网络科技",
    "电子商务",
    "贸易",
    "商贸",
    "建筑工程",
    "装饰工程",
    "物业管理",
    "餐饮管理",
    "食品",
    "医药",
    "文化传媒",
    "广告",
    "教育科技",
    "企业管理咨询",
    "财务咨询",
    "环保科技",
    "园林绿化工程",
    "机电设备",
    "办公设备",
    "印刷",
    "家具",
    "服装",
    "物流",
    "旅行社",
    "酒店管理",
    "汽车服务",
    "人力资源",
    "劳务",
    "建材",
    "软件",
    "医疗器械",
    "电力工程",
    "安防科技",
    "保洁服务",
    "市政工程",
    "智能科技",
    "生物科技",
    "实业",
)
COMPANY_FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")
COMPANY_PREFIXES = {
    "350102": ("福州市鼓楼区", "福州", "福建"),
    "350100": ("福州", "福建", "福建省"),
    "other": ("福州", "福建"),
}
SHOP_KINDS = (
    "小吃店",
    "便利店",
    "理发店",
    "五金店",
    "水果店",
    "服装店",
    "茶叶店",
    "鱼丸店",
    "面馆",
    "烧烤店",
    "美容店",
    "花店",
    "干洗店",
    "文具店",
    "烟酒店",
    "电器维修部",
    "副食品店",
    "奶茶店",
    "药店",
    "眼镜店",
    "鞋店",
    "蛋糕店",
    "粮油店",
    "肉铺",
)
ROADS = (
    "五四路",
    "东街",
    "杨桥中路",
    "湖东路",
    "古田路",
    "华林路",
    "工业路",
    "西二环中路",
    "铜盘路",
    "温泉路",
    "北环中路",
    "鼓屏路",
    "乌山路",
    "八一七北路",
    "东大路",
    "白马北路",
    "湖滨路",
    "屏西路",
    "梦山路",
    "西洪路",
    "福飞路",
    "斗池路",
    "柳河路",
    "软件大道",
)
SURNAMES = "陈林黄张吴王郑李刘杨周许何郭蔡朱谢游罗余江翁潘曾高叶魏方柯卢邱施肖詹薛严"
GIVEN_MALE = "伟强军磊勇杰斌峰涛明辉建华国平志鹏宇浩俊毅晨凯文博龙海波东锋"
GIVEN_FEMALE = "芳娟敏静丽艳玲婷雪燕琳慧颖萍红霞秀英梅洁晶欣怡佳璐薇琪"
ID_AREAS = ("350102",) * 10 + (
    "350103",
    "350104",
    "350105",
    "350111",
    "350121",
    "350122",
    "350123",
    "350124",
    "350125",
    "350128",
    "350181",
)
