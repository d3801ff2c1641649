"""Token classes shared by the name rules: stop words, POS tags, generic modifiers."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from ingest.policy import lexicon as lx
from ingest.policy.extract.dagcut import dag_lcut
from ingest.policy.extract.regions import REGIONS

CJK = r"\u4e00-\u9fff"

STOP_TOKENS = {
    "建设",
    "推进",
    "组建",
    "加强",
    "支持",
    "依托",
    "发挥",
    "推动",
    "争创",
    "创建",
    "打造",
    "布局",
    "新建",
    "培育",
    "认定",
    "建立",
    "申报",
    "成立",
    "设立",
    "有",
    "和",
    "及",
    "等",
    "的",
    "在",
    "对",
    "为",
    "是",
    "了",
    "以",
    "由",
    "将",
    "把",
    "与其",
    "加快",
    "围绕",
    "服务",
    "支撑",
    "获批",
    "落地",
    "承担",
    "包括",
    "推荐",
    "跟踪",
    "大力",
    "继续",
    "积极",
    "重点",
    "全力",
    "高标准",
    "扎实",
    "优化",
    "提升",
    "完善",
    "加大",
    "引导",
    "鼓励",
    "一批",
    "批准",
    "实施",
    "现有",
    "已",
    "新",
    "中",
    "各类",
    "其他",
    "我省",
    "全省",
    "本省",
    "我区",
    "全区",
    "向",
    "其中",
    "个",
    "家",
    "纳入",
    "走进",
    "促进",
    "规范",
    "建立健全",
    "谋划",
    "充分发挥",
    "积极参与",
    "备案",
    "积极争取",
    "晋升为",
    "地方",
    "优势",
    "尚",
    "没有",
    "相关",
    "省外",
    "省内",
    "该",
    "原",
    # verbs that open a clause before a name (健全中关村科学城, 做实金控集团, 全面实施国家…观测实验站);
    # not 利用, which names hold (国家文物保护利用示范区)
    "健全",
    "做实",
    "全面实施",
    "深入实施",
    "深化",  # tagged j (an abbreviation) by jieba: 深化|张江高新区、…建设
}
GENERIC = re.compile(
    r"^(?:科技|创新|科技创新|产业|技术|综合|公共|服务|国际|区域|区域性|专业|专业化|各级|综合领域类|独立法人类|内设机构类|企业|学科|新型|高水平|一流|国内一流|优秀|骨干|龙头|市县|市县级|[一二三四五六七八九十两几若干数]+[个家批类])+$"
)
NAME_CHARS = re.compile(rf"[{CJK}A-Za-z0-9()\-·]")
_NAME_RUN = re.compile(rf"{NAME_CHARS.pattern}+\Z")


def name_run_start(text: str, end: int, max_len: int) -> int:
    """Where the run of name characters ending at `end` starts, at most `max_len` back (end if none): what a
    loop stepping left while NAME_CHARS matches finds, in one regex search."""
    m = _NAME_RUN.search(text, max(0, end - max_len), end) if max_len > 0 else None
    return m.start() if m is not None else end


@cache
def pos_table() -> dict[str, str]:
    """word → POS tag from jieba's bundled dictionary (no posseg run-time cost)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = parts[2]
    return out


# A field outside S&T anywhere in a zone's, platform's or institute's name (CONVENTIONS.md "What is not labelled":
# culture, tourism, sport, with museums and heritage — T, H, 2a, 3a, 4b; education — T, H, 3a, 3b, 4b, 6; ecology,
# safety — H, 2b, 3a, 4b, 5, 6; logistics hubs — T, H, 2b, 3a, 3b, 4b, 5, 6; 中医药 health service — H, 2b, 3a, 4b,
# 5); not 教育科技人才, nor 教育部 owning an institute (教育部…高等研究院: a ministry, not the field).
NON_ST_FIELD = re.compile(
    r"旅游|文旅|文化|体育|教育(?!科技|部)|生态保护|生态文明|民族团结|防灭火|防灾减灾|安全生产|文物|考古|博物|物流|中医药"
)


# a park, zone or institute of culture, tourism or sport (the test and holdout READMEs leave them out)
LEISURE = re.compile(
    r"(?:文化|旅游|文旅|体育|艺术|影视)(?:产业)?(?:研究院|研究所|产业园区|产业园|走廊|示范区|园区|基地|集聚区|试验区|中心)$"
)
# A word of science, technology or innovation: what a modifier needs before a head that names many things besides
# S&T platforms (金融机构, 物流中心, 一站式服务平台).
ST_WORD = re.compile(
    r"科技|科学|科研|科教|科创|技术|研发|研究|创新|创业|孵化|转化|转移|成果|实验|试验|检测|检验|中试|工程|知识产权|"
    r"人才|引智|育种|验证|数据|算|工业互联网|医学|示范|实训|专利|标准|计量|质量基础设施"
)

_STOP_POS = {"v", "vd", "vn", "d", "p", "c", "u", "r", "m", "q", "ad", "f", "t", "uj", "ul", "y", "zg", "mq"}


# Modifiers that start names and fields (新一代信息技术, 新型显示) although jieba tags them as time/numeral.
_NAME_HEADS = {"新一代", "新型", "新兴", "一汽", "科技创新", "创新创业", "创新"}
_NAME_HEADS |= {"西部", "东部", "中部", "东北", "西北", "西南", "东南", "华北", "华南", "华东", "华中"}
# Tags that end a name for certain (function words); verbs only end it when no region name lies further left.
_HARD_POS = {"p", "c", "u", "r", "uj", "ul", "y", "f", "t", "m", "q", "mq"}


@cache
def is_stop(tok: str) -> bool:
    if tok in STOP_TOKENS or re.fullmatch(r"[\d()]+|\d+年度?", tok) or tok == "年度":
        return True
    if tok == "与" or tok in _NAME_HEADS:  # name-internal: 电工装备可靠性与智能化国家重点实验室
        return False
    if tok in lx.types() or tok in lx.industries() or tok in REGIONS:
        return False
    return pos_table().get(tok, "n") in _STOP_POS


@cache
def is_hard_stop(tok: str) -> bool:
    if tok in _NAME_HEADS or tok == "与" or tok in REGIONS:
        return False
    return (
        tok in STOP_TOKENS
        or bool(re.fullmatch(r"[\d()]+|\d+年度?|年度", tok))
        or pos_table().get(tok, "n") in _HARD_POS
    )


@lru_cache(maxsize=1 << 16)
def lcut(window: str) -> tuple[str, ...]:
    """jieba tokens (dictionary only, no HMM) of a short window; cached, since the name rules cut the same
    few windows again and again (one per suffix match). dag_lcut is jieba's own cut without its per-call
    overhead: the same tokens."""
    return tuple(dag_lcut(lx.tokenizer(), window))
