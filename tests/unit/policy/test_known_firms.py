"""Large firms by their short names (`known_firms`, lexicon ingest/resources/dict/firms.tsv): a hit counts
where jieba's words begin and end with it. Sentences made up."""

from __future__ import annotations

from ingest.policy import lexicon as lx
from ingest.policy.extract.known_firms import _on_word_bounds
from tests.unit.policy._extract import entity_kinds


def test_short_names_with_no_suffix_are_firms() -> None:
    # no 公司 / 集团, no list, no product: only the lexicon knows these names
    got = entity_kinds("深化与中国航发战略合作，推动南方电网数字化改造，引进招商银行区域总部。")
    assert {got.get(n) for n in ("中国航发", "南方电网", "招商银行")} == {"company"}


def test_a_short_name_inside_a_longer_word_is_none() -> None:
    # 全国|投资 and 中国|银行业: the lexicon's 国投-like pieces and 中国银行 fall inside other words
    got = entity_kinds("全年全国投资增长5%，中国银行业协会发布报告。")
    assert "中国银行" not in got


def test_word_bounds_by_hand() -> None:
    text = "其中煤炭产量增长，推进华电储能项目。"
    s = text.index("中煤")
    assert not _on_word_bounds(text, s, s + 2)  # 其中|煤炭
    s = text.index("华电")
    assert _on_word_bounds(text, s, s + 2)


def test_every_row_has_a_public_source() -> None:
    rows = [line.split("\t") for line in (lx.DICT_DIR / "firms.tsv").read_text(encoding="utf-8").splitlines()]
    data = [r for r in rows if r and r[0] and not r[0].startswith("#")]
    assert data and all(len(r) == 3 and r[2] in {"SASAC", "NFRA", "CEC500", "FG500"} for r in data)
    assert lx.firms()["国家电投"] == "国家电力投资集团有限公司"


def test_a_top_500_brand_with_no_suffix_is_a_firm() -> None:
    # a bare brand in a subject or object position: only the CEC top-500 rows know it
    got = entity_kinds("引进奇瑞整车项目，支持吉利扩大产能，与华为共建联合创新中心。")
    assert {got.get(n) for n in ("奇瑞", "吉利", "华为")} == {"company"}


def test_a_brand_and_cloud_is_its_cloud_arm() -> None:
    # 华为|云 is one name; 云南 is a word of its own and 云计算 a field, so no cloud arm is read there
    got = entity_kinds("推动华为云数据中心落地，支持百度智能云拓展业务。")
    assert got.get("华为云") == "company"
    assert got.get("百度智能云") == "company"
    assert "华为云" not in entity_kinds("推进华为云计算产业发展。")
    assert entity_kinds("设立华为云南分公司。").get("华为云") is None


def test_a_longer_name_opening_with_a_brand_keeps_it() -> None:
    # the firm rules read the whole name first; the brand inside it is no second name
    got = entity_kinds("支持恒力重工集团有限公司、比亚迪半导体股份有限公司扩产。")
    assert got.get("恒力重工集团有限公司") == "company"
    assert got.get("比亚迪半导体股份有限公司") == "company"
    assert "恒力" not in got and "比亚迪" not in got


def test_brand_rows_name_their_list() -> None:
    assert "华为" in lx.brand_firms() and "国家电投" not in lx.brand_firms()
    assert lx.firms()["吉利"] == "浙江吉利控股集团有限公司"


def test_items_listed_with_a_known_firm_before_deng_are_firms() -> None:
    # coordinated items are of one kind: 腾讯 is in the lexicon, so 云川数科 and 北辰算力 listed with it are firms
    got = entity_kinds("。推动腾讯、云川数科、北辰算力等数据中心落地。")
    assert {got.get(n) for n in ("腾讯", "云川数科", "北辰算力")} == {"company"}


def test_a_list_with_a_place_a_field_or_a_university_names_no_firm_beside_the_known_one() -> None:
    # 西安 is a place, 新材料 a field, 清华大学 another kind of organisation: the list is not of firms
    got = entity_kinds("。与腾讯、西安等合作。推动华为、新材料等发展。联合清华大学、百度、星河智联等攻关。")
    assert not {"西安", "新材料", "星河智联"} & set(got)
    assert got.get("清华大学") == "university"


def test_central_enterprises_of_the_whole_sasac_list_are_firms() -> None:
    # the rest of SASAC's list by the short names the firms use: 国家管网, 中储粮, 东航 stand bare in a clause
    got = entity_kinds("配合国家管网建设输气干线，支持中储粮扩建粮库，推动东航开通国际航线。")
    assert {got.get(n) for n in ("国家管网", "中储粮", "东航")} == {"company"}
    assert lx.firms()["中储粮"] == "中国储备粮管理集团有限公司"


def test_a_sasac_short_name_inside_a_longer_word_is_none() -> None:
    # 集中|储粮 and 集中|铝材: the short names 中储粮 and 中铝 begin inside 集中
    got = entity_kinds("推进集中储粮设施建设，引导集中铝材加工。")
    assert "中储粮" not in got and "中铝" not in got


def test_foreign_top_500_firms_by_their_chinese_names_are_brands() -> None:
    # the Fortune Global 500 rows: a foreign firm named bare, as the object of 引进 or 对接, is a firm
    got = entity_kinds("引进巴斯夫一体化基地项目，积极对接空客、西门子等企业。")
    assert {got.get(n) for n in ("巴斯夫", "空客", "西门子")} == {"company"}
    assert "巴斯夫" in lx.brand_firms() and "中储粮" not in lx.brand_firms()


def test_a_foreign_brand_opening_a_longer_name_keeps_the_longer_name() -> None:
    # read after the grammar, like the CEC brands: 西门子能源有限公司 is one firm, with no second 西门子
    got = entity_kinds("支持西门子能源有限公司在本市设立研发中心。")
    assert got.get("西门子能源有限公司") == "company"
    assert "西门子" not in got


def test_words_that_hold_a_foreign_brand_are_none() -> None:
    # 高通量 is a word of its own (高通 is Qualcomm), and 提高|通行 holds no 高通
    got = entity_kinds("建设高通量测序平台，提高通行效率。")
    assert "高通" not in got


def test_provincial_groups_of_the_top_500_list_are_brands() -> None:
    # a provincial group by its short form (包钢, 江铜) is a CEC500 brand: bare here, as subject and object
    got = entity_kinds("包钢稀土产业链加快延伸，支持江铜扩建铜箔项目。")
    assert {got.get(n) for n in ("包钢", "江铜")} == {"company"}
    assert "包钢" in lx.brand_firms()
