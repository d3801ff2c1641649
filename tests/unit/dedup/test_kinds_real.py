"""dedup 1.2 on cases from the real lists: hard negatives, containment, synonyms, sites, name variants,
former names, transition labelling and the policy basis (or why there is none). No store."""

from __future__ import annotations

from typing import Any

from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.policy import build_policy_index
from app.derive.dedup.records import host_key
from app.derive.dedup.subject import Subject, same_subject, subject_of, subject_similarity
from app.derive.dedup.variants import VARIANT_NONE, VARIANT_PLACE, VARIANT_TYPO, distinguishing, name_variant
from app.text.names import parse_name
from tests.unit.dedup._detect import kinds


def row(pid: str, name: str, host: str | None, **kw: Any) -> dict[str, Any]:
    parts = parse_name(name)
    out: dict[str, Any] = {
        "id": pid,
        "name": name,
        "field": parts.field,
        "type": parts.type,
        "level": "国家级",
        "region": "北京市",
        "host": host,
        "status": "运行",
    }
    out.update(kw)
    return out


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


# ---------------------------------------------------------------- hard negatives: never flagged
def test_one_character_that_is_a_term_of_the_field_blocks_the_merge() -> None:
    assert distinguishing("眼科学", "耳科学") is not None
    assert distinguishing("锂电池材料", "钠电池材料") is not None
    assert distinguishing("玉米育种", "大豆育种") is not None
    assert distinguishing("云贵高原特色作物种质资源", "云贵高原特色作物种侦资源") is None  # a typo
    assert name_variant("云贵高原特色作物种质资源", "云贵高原特色作物种侦资源", "重点实验室", None) == VARIANT_TYPO
    assert name_variant("锂电池关键材料", "钠电池关键材料", "重点实验室", None) == VARIANT_NONE


def test_eye_and_ear_labs_and_lithium_and_sodium_labs_are_never_flagged() -> None:
    rows = [
        row("eye", "眼科学国家重点实验室", "中山大学", region="广东省"),
        row("ear", "耳科学国家重点实验室", "中山大学", region="广东省"),
        row("li", "锂电池材料国家重点实验室", "中南大学", region="湖南省"),
        row("na", "钠电池材料国家重点实验室", "中南大学", region="湖南省"),
        row("corn", "玉米育种国家重点实验室", "中国农业大学"),
        row("soy", "大豆育种国家重点实验室", "中国农业大学"),
    ]
    assert kinds(rows) == {}


def test_stations_of_one_host_on_different_sites_are_two_platforms() -> None:
    rows = [
        row("a", "国家土壤质量祁阳观测实验站", "中国农业科学院农业资源与农业区划研究所", region=None),
        row("b", "国家土壤质量昌平观测实验站", "中国农业科学院农业资源与农业区划研究所", region=None),
        row("c", "西藏拉萨大气环境材料腐蚀国家野外科学观测研究站", "中国兵器工业第五九研究所", region="西藏自治区"),
        row("d", "甘肃敦煌大气环境材料腐蚀国家野外科学观测研究站", "中国兵器工业第五九研究所", region="甘肃省"),
    ]
    assert kinds(rows) == {}


# ---------------------------------------------------------------- overlap: containment, synonyms, sites
def test_containment_and_qualifiers() -> None:
    a, b = subject_of("智能传感", "重点实验室"), subject_of("智能传感与检测", "重点实验室")
    assert subject_similarity(a, b) == 1.0
    assert same_subject(a, b)  # 与检测 adds a qualifier only
    assert not same_subject(subject_of("储能", None), subject_of("先进电化学储能", None))  # 电化学 is content
    assert subject_similarity(subject_of("生态", None), subject_of("城市区域生态", None)) < 1.0  # too broad


def test_synonyms_from_the_table() -> None:
    assert subject_of("饲用微生物", None).text == subject_of("饲料微生物", None).text
    assert subject_of("新能源汽车", None) == Subject("电动汽车", frozenset())


def test_a_lab_beside_a_germplasm_bank_of_its_host_is_an_overlap() -> None:
    rows = [
        row("bank", "国家水稻种质资源中期库（杭州）", "中国水稻研究所", region="浙江省"),
        row("lab", "水稻生物学国家重点实验室", "中国水稻研究所"),
        row("other", "国家柿种质资源圃（杨凌）", "中国水稻研究所", region="浙江省"),  # another subject
    ]
    assert kinds(rows) == {pair("bank", "lab"): "overlap"}


def test_one_site_under_two_programmes() -> None:
    host = "中国农业科学院农业资源与农业区划研究所"
    rows = [
        row("moa", "国家土壤质量祁阳观测实验站", host, region=None),
        row("most", "湖南祁阳农田生态系统国家野外科学观测研究站", host, region="湖南省"),
        row("moa2", "国家土壤质量昌平观测实验站", host, region=None),
        row("most2", "北京昌平土壤质量国家野外科学观测研究站", host),
    ]
    found = kinds(rows)
    assert found[pair("moa", "most")] == "overlap"  # one site, two subjects
    assert found[pair("moa2", "most2")] == "same_entity"  # one site, one subject: two designations
    assert pair("moa", "moa2") not in found  # two sites


# ---------------------------------------------------------------- same_entity: name variants, former names
def test_place_word_dropped_or_added() -> None:
    assert name_variant("金州", "大连金州", "农业科技园区", "辽宁省") == VARIANT_PLACE
    assert name_variant("沧州", "沧州河北", "农业科技园区", "河北省") == VARIANT_PLACE
    rows = [
        row("a", "大连金州国家农业科技园区", None, region="辽宁省"),
        row("b", "辽宁大连金州国家农业科技园区", None, region="辽宁省"),
        row("c", "辽宁大连旅顺国家农业科技园区", None, region="辽宁省"),
    ]
    assert kinds(rows) == {pair("a", "b"): "same_entity"}


def test_place_short_forms_from_the_table() -> None:
    rows = [
        row("a", "内蒙古锡盟国家农业科技园区", None, region="内蒙古自治区"),
        row("b", "内蒙古锡林国家农业科技园区", None, region="内蒙古自治区"),
    ]
    assert kinds(rows) == {pair("a", "b"): "same_entity"}


def test_former_names_and_academy_styles_are_one_host() -> None:
    assert host_key("中科院寒区旱区环境与工程研究所") == "中国科学院西北生态环境资源研究院"
    assert host_key("中国科学院西北生态环境资源研究院") == "中国科学院西北生态环境资源研究院"
    assert host_key("华中工学院") == "华中科技大学"
    assert host_key("西藏自治区农牧科学研究院") == host_key("西藏自治区农牧科学院")
    assert host_key("中科院空间科学与应用研究中心") == host_key("中国科学院空间科学与应用研究中心")


def test_moe_station_promoted_to_the_national_list_is_one_platform() -> None:
    rows = [
        row("moe", "神木侵蚀与环境教育部野外科学观测研究站", "西北农林科技大学", level="省级", region="云南省"),
        row("nat", "陕西神木侵蚀与环境国家野外科学观测研究站", "西北农林科技大学", region="陕西省"),
    ]
    assert kinds(rows) == {pair("moe", "nat"): "same_entity"}


# ---------------------------------------------------------------- transition and policy basis
def test_legacy_and_successor_at_one_host_are_transition_overlap_with_the_clause() -> None:
    policy = build_policy_index(
        [
            {
                "rel": "CONVERTED_TO",
                "from_type": "工程技术研究中心",
                "to_type": "技术创新中心",
                "region": "辽宁省",
                "ev_doc": "ln-2019",
                "ev_quote": "改革调整省级工程技术研究中心,布局建设省级技术创新中心",
                "ev_start": 10,
                "ev_end": 36,
            }
        ],
        [],
    )
    rows = [
        row("old", "辽宁省智能制造工程技术研究中心", "东北大学", level="省级", region="辽宁省"),
        row("new", "辽宁省智能制造技术创新中心", "东北大学", level="省级", region="辽宁省"),
    ]
    assert kinds(rows, policy) == {pair("old", "new"): "transition_overlap"}
    report = DedupIndex.build(rows, policy).report()
    (p,) = report.pairs
    assert p.a.id == "old" and p.policy_basis is not None and p.policy_basis.doc_id == "ln-2019"
    assert p.no_basis_reason is None
    assert p.reasons[0].feature == "prior" and p.reasons[-1].feature == "year_gap"


def test_a_pair_without_a_clause_says_why() -> None:
    rows = [
        row("bank", "国家水稻种质资源中期库（杭州）", "中国水稻研究所", region="浙江省"),
        row("lab", "水稻生物学国家重点实验室", "中国水稻研究所"),
    ]
    (p,) = DedupIndex.build(rows).report().pairs
    assert p.policy_basis is None
    assert p.no_basis_reason and "no" in p.no_basis_reason
