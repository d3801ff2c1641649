"""Round x-types6: platform types on unseen prose (examples written from public knowledge, not from any text)."""

from __future__ import annotations

from _extract import extract


def _types(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_unmarked_level_is_none() -> None:
    # no word marks the level: the kind keeps None, whatever the document's region
    assert ("重点实验室", None) in _types("组织重大科技专项和重点实验室建设。")
    # a marked level stays
    assert ("重点实验室", "省级") in _types("新建省级重点实验室10家。")


def test_ellipsis_over_a_list_of_designations() -> None:
    got = _types("大力培育雏鹰、瞪羚、独角兽企业，壮大市场主体。")
    assert {("雏鹰企业", None), ("瞪羚企业", None), ("独角兽企业", None)} <= got


def test_ellipsis_needs_a_governing_verb() -> None:
    # nobody builds or counts the list: its items are no kinds of their own
    got = _types("雏鹰、瞪羚、独角兽企业名单另行公布。")
    assert ("雏鹰企业", None) not in got


def test_education_and_welfare_carriers_are_no_kinds() -> None:
    got = _types("建成3个市域产教联合体。组建县域养老服务联合体，劳务工作站实现全覆盖。")
    assert not {t for t, _ in got} & {"市域产教联合体", "联合体", "劳务工作站"}
    assert not extract("建成3个市域产教联合体。").targets


def test_st_alliances_and_stations_stay_kinds() -> None:
    got = _types("支持龙头企业牵头组建创新联合体，新建院士工作站10家，建设产教融合创新平台。")
    assert {("创新联合体", None), ("院士工作站", None)} <= got


def test_selected_into_a_quoted_designation() -> None:
    got = {t for t, _ in _types("某某机床公司获评全球首个行业“灯塔工厂”。5家省属企业入选“双百企业”“科改企业”。")}
    assert {"灯塔工厂", "双百企业", "科改企业"} <= got


def test_quoted_kinds_listed_with_quoted_kinds() -> None:
    got = {t for t, _ in _types("支持建设“无废城市”、“无废企业”、“零碳工厂”、“零碳园区”。")}
    assert {"零碳工厂", "零碳园区"} <= got
    assert "无废企业" not in got  # a quoted firm kind needs its own count, level, verb or selection


def test_quoted_slogans_are_no_kinds() -> None:
    got = {t for t, _ in _types("持续打造“两个基地”“两个枢纽”，推进“五大基地”建设，某市入选“自然城市”平台。")}
    assert not got & {"两个基地", "五大基地", "自然城市平台"}


def test_counted_pair_with_fenbie() -> None:
    got = {t for t, _ in _types("创新型中小企业和“专精特新”企业分别达194户、157户。")}
    assert {"创新型中小企业", "专精特新企业"} <= got


def test_specialised_towns_and_pilot_cities() -> None:
    got = _types("新增6个省级特色专业镇。某新区入选国家产融合作试点城市。某市获评国家级中小企业数字化转型城市。")
    assert {("特色专业镇", "省级"), ("产融合作试点城市", "国家级")} <= got
    assert "中小企业数字化转型试点城市" in {t for t, _ in got}


def test_unselected_towns_are_no_kinds() -> None:
    # no count, level or selection: a town named in passing is no designation
    assert not {t for t, _ in _types("特色专业镇的企业要加强合作。")} & {"特色专业镇"}


def test_ziwuqu_short_form() -> None:
    assert "自由贸易试验区" in {t for t, _ in _types("以建促申创建国家自贸区，扩大制度型开放。")}


def test_short_forms_of_known_kinds() -> None:
    got = {t for t, _ in _types("获批创建7个产业强镇。鼓励企业通过专利共享等方式建立专利技术联盟。")}
    assert {"农业产业强镇", "专利联盟"} <= got


def test_research_bodies_of_a_field_or_owner_are_a_class() -> None:
    got = {t for t, _ in _types("推动省属自然科学研究机构体制改革。农业科学技术研究机构可以进行技术承包。")}
    assert not {t for t in got if t.endswith("研究机构")}


def test_counted_or_new_research_bodies_are_kinds() -> None:
    got = {t for t, _ in _types("全市新增研发机构100家，培育一批新型研发机构。")}
    assert {"研发机构", "新型研发机构"} <= got


def test_metrology_and_quality_infrastructure_are_technology() -> None:
    got = {t for t, _ in _types("建设国家级碳计量中心，高标准建设国家质量基础设施基地。")}
    assert {"碳计量中心", "质量基础设施基地"} <= got
    # a catch-all head still needs a word of science or technology
    assert "冷链物流基地" not in {t for t, _ in _types("建设国家骨干冷链物流基地。")}


def test_a_kind_before_jiqun_names_a_cluster() -> None:
    got = {t for t, _ in _types("加快某市数据中心集群建设，某市数据中心集群引进企业357家。")}
    assert "数据中心" not in got
    assert not extract("某市数据中心集群引进企业357家。").targets


def test_bare_test_base_is_a_class() -> None:
    got = {t for t, _ in _types("支持科技创新平台和重点实验室、试验基地建设。")}
    assert "试验基地" not in got and "重点实验室" in got
    assert "科技成果中试基地" in {t for t, _ in _types("在企业设立研究开发机构、中间试验基地等。")}


def test_technology_advanced_service_firms() -> None:
    got = {t for t, _ in _types("加速培育高新技术企业、创新型企业和技术先进型服务企业。")}
    assert "技术先进型服务企业" in got


def test_a_measure_after_a_phrase_is_no_count() -> None:
    # square metres or a share after a phrase count nothing; a count needs its measure word
    got = {t for t, _ in _types("63个园区新改扩建产业载体2150万平方米。")}
    assert "改扩建产业载体" not in got
    assert "科技企业孵化器" in {t for t, _ in _types("科技企业孵化器达到120家。")}


def test_firms_a_measure_addresses_are_no_kinds() -> None:
    got = {t for t, _ in _types("支持“链主”企业牵头组建创新联合体，支持行业领军企业联合高校实施攻关。")}
    assert not got & {"链主企业", "行业领军企业"}
    assert "链主企业" in {t for t, _ in _types("培育“链主”企业20家。")}
