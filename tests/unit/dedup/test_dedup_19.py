"""dedup 1.9: a shared word or a thesaurus line relates two subjects only through a head (no store).

The rows are made up to show one structure each (hosts are invented, places are real names, the
platforms are not list rows); none is a row of the real dev, dev2, test or holdout pairs. The grammar is
the one the 1.6 head rule states: the head of a Chinese compound is at its end, what comes before it
modifies it; trailing words that name no field (生态系统, 工程, 种质资源 …) and a broad word after a word
(X农业, X环境) leave that word the head.
"""

from __future__ import annotations

from typing import Any

from app.derive.dedup.subject import broader_related, is_head, is_whole, shared_word, site_ecology
from tests.unit.dedup._detect import kinds

_LAB = "重点实验室"
_STATION = "野外科学观测研究站"


def _row(pid: str, name: str, type_: str | None, host: str, region: str, level: str = "国家级") -> dict[str, Any]:
    return {"id": pid, "name": name, "type": type_, "level": level, "region": region, "host": host}


def test_a_head_ends_the_subject_or_a_conjunct() -> None:
    # 草甸草原生态系统: 草原 ends the subject once 生态系统 (no field of its own) is dropped
    assert is_head("草原", "呼伦草甸草原生态系统")
    # 草原 starts 草原羊只营养调控: it modifies 羊只 (the lab is about sheep, not grassland)
    assert not is_head("草原", "草原羊只营养调控繁殖", ("草原羊只营养调控", "繁殖"))
    # 作物 of 作物病害 modifies 病害; 小麦 of 小麦遗传学 modifies 遗传学
    assert not is_head("作物", "鹰潭作物病害") and not is_head("小麦", "小麦遗传学")
    # a broad word after it: 草地农业 is the farming of grassland, 草地 stays the head
    assert is_head("草地", "草地农业生态系统")
    # X种质资源 keeps the germplasm of X
    assert is_head("农作物", "许昌农作物种质资源")


def test_a_whole_conjunct_is_a_field_by_itself() -> None:
    assert is_whole("黄土", ("黄土", "第四纪地质"))
    assert is_whole("冻土", ("冻土工程",))  # 工程 names no field
    assert not is_whole("草原", ("草原羊只营养调控", "繁殖"))


def test_a_word_shared_as_head_and_modifier_is_no_shared_field() -> None:
    # the station's subject is 草原, the lab's 草原 modifies 羊只: two fields (1.6 took the equal word)
    assert not shared_word("呼伦草甸草原生态系统", "草原羊只营养调控繁殖", (), ("草原羊只营养调控", "繁殖"))
    # a whole conjunct on one side is a field: a loess station beside a 黄土与第四纪地质 lab
    assert shared_word("黄土高原关键带", "黄土第四纪地质", (), ("黄土", "第四纪地质"))
    # heads on both sides: 动力学 ends both subjects
    assert shared_word("地震动力学", "大陆裂谷动力学")


def test_a_thesaurus_line_needs_a_head_on_one_side() -> None:
    # 作物 (a broader term) and 小麦 (under it) are both modifiers: no relation
    assert not broader_related("鹰潭作物病害", "小麦遗传学", heads=((), ()))
    assert broader_related("鹰潭作物病害", "小麦遗传学")  # 1.8 read any word end
    # 粮食作物 is the bank's whole subject (a head): it falls under 作物 the other names
    assert broader_related("许昌农作物种质资源", "粮食作物", heads=((), ()))


def test_a_pest_station_beside_a_wheat_genetics_lab_of_its_host_is_none() -> None:
    rows = [
        _row("st", "江西鹰潭作物病害教育部野外科学观测研究站", _STATION, "某农林大学", "江西省", "省级"),
        _row("lab", "小麦遗传学国家重点实验室", _LAB, "某农林大学", "江西省"),
    ]
    assert kinds(rows) == {}


def test_a_grassland_station_beside_a_sheep_lab_of_its_host_is_none() -> None:
    rows = [
        _row("st", "呼伦草甸草原生态系统教育部野外科学观测研究站", _STATION, "某牧业大学", "内蒙古自治区", "省级"),
        _row("sheep", "草原羊只营养调控与繁殖国家重点实验室", _LAB, "某牧业大学", "内蒙古自治区"),
        _row("grass", "草地农业生态系统国家重点实验室", _LAB, "某牧业大学", "内蒙古自治区"),
    ]
    # the grassland farming lab studies what the station observes (草原 under 草地, 草地 a head there)
    assert kinds(rows) == {frozenset(("st", "grass")): "overlap"}


def test_a_lab_naming_the_ecology_of_a_stations_site() -> None:
    # 若尔盖生态: the ecology of the place the station is sited at (a site spelling of its name)
    sites = frozenset({"若尔", "若尔盖", "若尔盖湿"})
    assert site_ecology(sites, ("若尔盖生态", "高原牧业")) == "若尔盖"
    # a place word alone (no 生态 after it) or a broad word is no such conjunct
    assert site_ecology(sites, ("若尔盖", "高原牧业")) is None
    assert site_ecology(frozenset({"城市", "城市湿", "城市湿地"}), ("城市生态",)) is None


def test_a_meadow_station_beside_the_lab_on_the_ecology_of_its_site_overlaps() -> None:
    # no shared head: the station observes a meadow at 黄河源, the lab names 黄河源's ecology and 牧业
    # (jieba cuts 黄河 / 源, so no shared word would see the place)
    rows = [
        _row("st", "青海黄河源高寒草甸生态系统国家野外科学观测研究站", _STATION, "某高原研究所", "青海省"),
        _row("lab", "黄河源生态与高原牧业国家重点实验室", _LAB, "某高原研究所", "青海省"),
        _row("other", "高原作物育种国家重点实验室", _LAB, "某高原研究所", "青海省"),
    ]
    assert not shared_word("黄河源高寒草甸生态系统", "黄河源生态高原牧业", (), ("黄河源生态", "高原牧业"))
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}
