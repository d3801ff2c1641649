"""dedup 1.3: overlap across type families and hosts of one municipality (no store).

Examples are public facts (platforms of the national lists, GB/T 13745 disciplines, crop classes), never
pairs of the test or holdout split.
"""

from __future__ import annotations

import doctest
from typing import Any

import numpy as np
import pytest

from app.derive.dedup import blocking, relations, subject
from app.derive.dedup.blocking import candidate_pairs, concept_columns
from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.features import KIND_CODES
from app.derive.dedup.model import Proposal
from app.derive.dedup.records import build_records
from app.derive.dedup.relations import BESIDE_RELATED, BESIDE_STATION_LAB, beside, close_words
from app.derive.dedup.resources import broader_terms
from app.derive.dedup.subject import broader_related, concepts, shared_word, subject_of
from app.derive.dedup.vectors import build_vectors
from tests.unit.dedup._detect import kinds


@pytest.mark.parametrize("module", [blocking, relations, subject])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module, raise_on_error=False).failed == 0


def test_thesaurus_has_a_source_per_line_and_maps_narrower_to_broader() -> None:
    terms = broader_terms()
    assert terms["野生棉"] == {"棉花"}
    assert terms["粮食作物"] == {"粮食作物", "农作物", "作物"}  # a broader term is also narrower of 农作物
    assert "地表过程" in terms["土壤侵蚀"]  # GB/T 13745 170.50 地理学: 地貌 / 土壤侵蚀
    assert concepts("青稞牦牛种质资源遗传改良") >= {"农作物", "粮食作物"}


def test_related_subjects_without_a_shared_character() -> None:
    assert broader_related("九三土壤侵蚀", "地表过程资源生态")
    assert broader_related("锡林郭勒草原生态系统", "植被环境变化")  # 草原 is a 植被 type
    assert not broader_related("森林生态", "草原生态")  # two 植被 types: siblings, not related
    assert not broader_related("农业生物技术", "绿洲农业高效用水")
    assert shared_word("太原大陆裂谷动力学", "地震动力学")  # 动力学
    # 黄土 ⊂ 黄土高原: 1.6 only as a whole conjunct of its subject (黄土与第四纪地质), not as a modifier
    assert shared_word("黄土高原地球关键带", "黄土第四纪地质", (), ("黄土", "第四纪地质"))
    assert not shared_word("黄土高原地球关键带", "黄土第四纪地质")
    assert not shared_word("城市区域生态", "京津冀区域生态环境变化综合治理")  # 区域 / 生态: too broad


def test_close_words_for_two_hosts_of_one_city() -> None:
    assert close_words("新能源电力系统", "电力系统大型发电设备安全控制仿真")
    assert close_words("植物保护生物学", "农业虫害鼠害综合治理研究")  # 虫害 under 植物保护 (GB/T 13745 210.47)
    assert not close_words("网络交换", "信息安全")


def test_subject_of_a_name_without_field_and_of_a_microbe_bank() -> None:
    assert subject_of("国家农作物种质资源库", "种质资源库").text == "农作物"
    assert subject_of("饲料微生物", "种质资源库").text == "饲料微生物"  # 生物 stays: 微生物


def test_beside_codes() -> None:
    assert beside("野外科学观测研究站", "重点实验室") == BESIDE_STATION_LAB
    assert beside("种质资源圃", "重点实验室") == BESIDE_RELATED
    assert beside("农业科学观测实验站", "野外科学观测研究站") == BESIDE_RELATED


def _rule_kinds(rows: list[dict[str, Any]]) -> dict[frozenset[str], str]:
    """Every pair scored (no blocking): what the kind rules say."""
    idx = DedupIndex.build(rows)
    n = len(rows)
    i, j = np.triu_indices(n, 1)
    sc = idx.score_pairs(i.astype(np.int64), j.astype(np.int64))
    names = {v: k for k, v in KIND_CODES.items()}
    return {
        frozenset((idx.recs.ids[a], idx.recs.ids[b])): names[k]
        for a, b, k in zip(i.tolist(), j.tolist(), sc.kind.tolist(), strict=True)
        if k
    }


def _row(pid: str, name: str, field: str, type_: str, host: str, region: str) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "field": field,
        "type": type_,
        "level": "国家级",
        "region": region,
        "host": host,
        "status": "运行",
    }


def test_field_station_beside_a_lab_of_its_host() -> None:
    host = "中国科学院空间科学与应用研究中心"
    rows = [
        _row("lab", "空间天气学国家重点实验室", "空间天气学", "重点实验室", host, "北京市"),
        _row("st", "海南空间天气国家野外科学观测研究站", "海南空间天气", "野外科学观测研究站", host, "海南省"),
        # one host, a station on an unrelated subject sharing one bigram (农业): not an overlap
        _row("lab2", "农业生物技术国家重点实验室", "农业生物技术", "重点实验室", "中国农业大学", "北京市"),
        _row("st2", "新疆绿洲农业高效用水国家野外科学观测研究站", "新疆绿洲农业高效用水",
             "野外科学观测研究站", "中国农业大学", "新疆维吾尔自治区"),
    ]  # fmt: skip
    found = kinds(rows)
    assert found.get(frozenset(("lab", "st"))) == "overlap"
    assert frozenset(("lab2", "st2")) not in found


def test_two_hosts_of_one_municipality_on_one_subject() -> None:
    rows = [
        _row("a", "新能源电力系统国家重点实验室", "新能源电力系统", "重点实验室", "华北电力大学", "北京市"),
        _row("b", "电力系统及大型发电设备安全控制和仿真国家重点实验室", "电力系统及大型发电设备安全控制和仿真",
             "重点实验室", "清华大学", "北京市"),
        _row("c", "信息安全国家重点实验室", "信息安全", "重点实验室", "中国科学院信息工程研究所", "北京市"),
        _row("d", "网络与交换技术国家重点实验室", "网络与交换技术", "重点实验室", "北京邮电大学", "北京市"),
        # the same subject in a province (not a municipality): no city link
        _row("e", "电力系统智能调度国家重点实验室", "电力系统智能调度", "重点实验室", "东南大学", "江苏省"),
    ]  # fmt: skip
    found = _rule_kinds(rows)
    assert found.get(frozenset(("a", "b"))) == "overlap"
    assert frozenset(("c", "d")) not in found
    assert not any("e" in pair for pair in found)


def test_concept_columns_block_a_nursery_with_its_hosts_bank() -> None:
    rows = [
        _row("bank", "国家棉花种质资源中期库（安阳）", "", "种质资源中期库", "中国农业科学院棉花研究所", "河南省"),
        _row("nur", "国家野生棉种质资源圃（三亚）", "", "种质资源圃", "中国农业科学院棉花研究所", "海南省"),
    ]  # fmt: skip
    recs = build_records(rows)
    x = build_vectors(recs.terms).matrix
    i, _j, stats = candidate_pairs(recs, x)
    assert stats["host_collection"] >= 1 and len(i) == 1  # no shared term: the concept 棉花 blocks them
    k = concept_columns(recs, np.ones(2, bool))
    assert k.shape[0] == 2 and k.nnz >= 3


def test_screening_sees_a_national_platform_of_the_municipality() -> None:
    rows = [
        _row("a", "新能源电力系统国家重点实验室", "新能源电力系统", "重点实验室", "华北电力大学", "北京市"),
        _row("z", "智能电网国家工程研究中心", "智能电网", "工程研究中心", "国网智能电网研究院", "北京市"),
    ]  # fmt: skip
    idx = DedupIndex.build(rows)
    proposal = Proposal(
        name="电力系统及大型发电设备安全控制和仿真国家重点实验室",
        type="重点实验室",
        host="清华大学",
        region="北京市",
        level="国家级",
    )
    found = {c.platform.id: c.kind for c in idx.screen(proposal)}
    assert found.get("a") == "overlap"
    local = proposal.model_copy(update={"level": "省级"})  # the municipality link is for national platforms
    assert "a" not in {c.platform.id for c in idx.screen(local)}
