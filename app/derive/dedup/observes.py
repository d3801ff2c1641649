"""dedup 1.8: what a field station observes and the disciplines that study it (``resources/observes.tsv``,
one public source per line).

A 野外科学观测研究站 is named for its object — an ecosystem (农田, 森林), a landform (喀斯特), a process
(俯冲, 腐蚀) — while a lab of its host is named for a discipline (土壤, 地球化学, 地震动力学, 材料保护).
No shared word, no thesaurus line and no discipline line relates 常熟农田生态系统 to 土壤与农业可持续发展;
a reader of the field does: a farmland station observes the soil its host's soil lab studies. The table
states such relations, object → disciplines, each line grounded in a classification or the observation
network's own station types.

Both sides are read by the head rule of 1.6: the station's spelling ends a word (俯冲 of 陆内俯冲, 农田 of
常熟农田生态系统); the lab's discipline word is the head of a conjunct once trailing words that name no
field are dropped (材料, 技术, 工程 …, and 生态 / 生态系统: X生态 is the ecology *of* X) — 土壤 of
土壤与农业可持续发展, 地球化学 of 环境地球化学, 绿洲 of 荒漠与绿洲生态, 表面保护 of 特种表面保护材料; a word
that only starts a conjunct modifies it (草原 of 草原家畜生殖调控 is no 草原 discipline).
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

from app.derive.dedup.resources import RESOURCES

_FILE = "observes.tsv"
# Trailing words of a lab's conjunct that name no field of their own: the discipline is what they follow.
_NO_FIELD = re.compile(
    "(?:生态系统|生态学|生态|材料|器件|装备|设备|技术|工程|科学|研究|应用|开发|利用|创新|集成|过程|机理|调控)+$"
)


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """(station spelling → object, discipline word → objects). A line without a source is an error."""
    spellings: dict[str, str] = {}
    studied: dict[str, set[str]] = {}
    for raw in (RESOURCES / _FILE).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 4 or not cols[3].strip():
            raise ValueError(f"{_FILE}: every line needs object, spellings, disciplines and a source: {raw!r}")
        obj = cols[0].strip()
        for s in {obj, *(w.strip() for w in cols[1].split(",") if w.strip())}:
            spellings[s] = obj
        for w in (w.strip() for w in cols[2].split(",") if w.strip()):
            studied.setdefault(w, set()).add(obj)
    return spellings, {k: frozenset(v) for k, v in studied.items()}


@lru_cache(maxsize=2)
def _pattern(lab: bool) -> re.Pattern[str]:
    spellings, studied = table()
    words = studied if lab else spellings
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def any_word(text: str) -> bool:
    """A spelling or a discipline word of the table occurs in the text: the cheap test before jieba,
    cached on the field (fields repeat across a list; names do not).

    >>> any_word("常熟农田生态系统"), any_word("智能制造")
    (True, False)
    """
    return bool(text) and (_pattern(False).search(text) is not None or _pattern(True).search(text) is not None)


def _ends(text: str) -> tuple[set[int], set[int]]:
    """Word starts and ends of a text (jieba, no HMM)."""
    starts, ends, at = set(), set(), 0
    for tok in jieba.lcut(text, HMM=False):
        starts.add(at)
        at += len(tok)
        ends.add(at)
    return starts, ends


@lru_cache(maxsize=200_000)
def observed(subject: str) -> frozenset[str]:
    """The objects a station's subject names, each spelling ending a word.

    >>> sorted(observed("常熟农田生态系统")), sorted(observed("帕米尔陆内俯冲"))
    (['农田'], ['俯冲'])
    >>> sorted(observed("长江河口湿地生态系统"))
    []
    """
    if not subject or not _pattern(False).search(subject):
        return frozenset()
    spellings, _ = table()
    _, ends = _ends(subject)
    return frozenset(spellings[m.group(0)] for m in _pattern(False).finditer(subject) if m.end() in ends)


@lru_cache(maxsize=200_000)
def studied(parts: tuple[str, ...]) -> frozenset[str]:
    """The objects whose discipline a lab's subject (its conjuncts) names as a head.

    >>> sorted(studied(("土壤", "农业可持续发展"))), sorted(studied(("环境地球化学",)))
    (['农田'], ['喀斯特'])
    >>> sorted(studied(("荒漠", "绿洲生态"))), sorted(studied(("特种表面保护材料", "应用技术")))
    (['农田'], ['腐蚀'])
    >>> sorted(studied(("草原家畜生殖调控", "繁育")))
    []
    """
    _, words = table()
    out: set[str] = set()
    for part in parts:
        if not _pattern(True).search(part):
            continue
        for text in dict.fromkeys((part, _NO_FIELD.sub("", part) or part)):
            starts, _ = _ends(text)
            for word, objs in words.items():
                if text.endswith(word) and len(text) - len(word) in starts:
                    out |= objs
    return frozenset(out)


def related(station: str, lab_parts: tuple[str, ...]) -> str | None:
    """The object a station observes and its host's lab studies, or None.

    >>> related("常熟农田生态系统", ("土壤", "农业可持续发展")), related("天山冰川", ("冻土工程",))
    ('农田', None)
    """
    found = observed(station) & studied(lab_parts)
    return min(found) if found else None
