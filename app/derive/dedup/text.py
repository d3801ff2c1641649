"""Field phrase → weighted terms (jieba tokens + character bigrams).

Why both: tokens carry meaning (玉米 vs 大豆), bigrams survive a one-character typo and word-order
rewording (先进材料制备 / 材料先进制备). Terms that every platform name carries (技术, 工程, 研究 …) get a
domain multiplier on top of IDF so a shared rare field term outweighs any number of shared generic ones.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from app.derive.dedup.resources import place_aliases, replace_all
from app.text.cells import norm_name
from app.text.names import parse_name

jieba.setLogLevel(logging.WARNING)

# Words in almost every platform's field phrase: they say "a platform", not "which field".
GENERIC_TERMS = frozenset(
    {
        "技术",
        "工程",
        "研究",
        "科技",
        "科学",
        "创新",
        "应用",
        "开发",
        "关键",
        "共性",
        "产业",
        "工业",
        "综合",
        "现代",
        "先进",
        "新型",
        "高效",
        "重点",
        "中心",
        "平台",
        "实验",
        "实验室",
        "研发",
        "集成",
        "转化",
        "协同",
        "示范",
        "基地",
    }
)
GENERIC_WEIGHT = 0.25
# Connectives and list punctuation carry no field meaning: 材料与器件 = 材料器件.
_DROP = re.compile(r"[及与和暨、,，;；·\-—_/\s]|\([^()]*\)|\[[^\[\]]*\]")
# What the list reader leaves in a field: 教育部 of MOE station names (…教育部野外科学观测研究站), the 部共建
# of 省部共建 (its 省 is read as a region prefix) — not field words.
_READER_NOISE = re.compile(r"^(?:省?部共建)|教育部$")
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def clean_name(name: str) -> str:
    """Matching form of a platform name: simplified, NFKC (full-width brackets), no trailing (host)."""
    nn = norm_name(name)
    while (stripped := _TRAILING_BRACKET.sub("", nn)) != nn and stripped:
        nn = stripped
    return nn


@lru_cache(maxsize=200_000)
def field_of_name(name: str) -> tuple[str, str | None]:
    """(field phrase, canonical type) of a platform name: region prefix, level words, type suffix cut."""
    parts = parse_name(clean_name(name))
    return parts.field, parts.type


@lru_cache(maxsize=500_000)
def clean_field(field: str) -> str:
    """Matching form of a field phrase: no connectives, no reader leftovers, one spelling per place."""
    cleaned = _READER_NOISE.sub("", _DROP.sub("", norm_name(field)))
    return replace_all(cleaned, place_aliases())


def whole_word(field: str, name: str) -> str:
    """A field the name parser cut inside a word gets the word back (1.6 in the subject, 1.7 where
    records and screening build the blocking terms): the parser reads 生物种质资源库 as the type of
    国家农业环境微生物种质资源库, leaving the field 农业环境微.

    >>> whole_word("饲料微", "国家饲料微生物种质资源库（北京）"), whole_word("食用菌", "国家食用菌种质资源库")
    ('饲料微生物', '食用菌')
    """
    if field.endswith("微") and field + "生物" in name:
        return field + "生物"
    return field


def name_key(name: str, field: str, type_: str | None) -> str:
    """What name similarity compares: field + type, without the region prefix (dropped in some lists)."""
    return clean_field(field) + (type_ or "")


@lru_cache(maxsize=500_000)
def terms(field: str, tokens: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Terms of a cleaned field phrase: ``t:`` jieba tokens and ``g:`` character bigrams. ``tokens``: the
    field_tokens the inventory stage already cut (saves jieba a million calls); else cut here."""
    f = clean_field(field)
    if not f:
        return ()
    raw = tokens if tokens else jieba.lcut(f, HMM=False)
    toks = [t for t in raw if _WORD.search(t) and not _DROP.fullmatch(t)]
    out = [f"t:{t}" for t in toks]
    if len(f) == 1:
        out.append(f"g:{f}")
    out.extend(f"g:{f[i : i + 2]}" for i in range(len(f) - 1))
    return tuple(dict.fromkeys(out))


def term_multiplier(term: str) -> float:
    return GENERIC_WEIGHT if term[2:] in GENERIC_TERMS else 1.0
