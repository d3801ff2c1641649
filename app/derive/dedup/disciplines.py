"""dedup 1.7: a discipline hierarchy (``resources/disciplines.tsv``, GB/T 13745-2009《学科分类与代码》, one
source per line) and the relation it gives two subjects.

A subject resolves to a discipline by its **head** (1.6: the head of a Chinese compound is at its end,
what comes before it modifies it): the longest suffix of a conjunct, at a jieba word boundary, that names
a line of the table — 大陆裂谷地震学 → 地震学, 冻土工程 → 冻土 (a trailing 工程 / 技术 / 科学 names no
field). Two subjects **relate** when they resolve to one line, or one to a line under the other's, and
that line is at the second level or deeper (first-level classes — 生物学, 临床医学 — are broad);
**siblings** (two lines under one parent, neither under the other) do not: 眼科学 / 耳鼻咽喉科学 are
two second-level lines of 临床医学, 冰川学 / 冻土学 two items of 自然地理学. Two subjects resolving
through one head word, each with a modifier of its own (玉米育种 / 大豆育种), are two narrower fields
of it — siblings too (the 1.6 rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from app.derive.dedup.resources import RESOURCES

_FILE = "disciplines.tsv"
# Endings that name the kind of discipline, not which: the stem is a form of the line's name too.
_NAME_ENDINGS = ("工程技术", "科学技术", "工程学", "科学", "工程", "技术", "医学", "学")
# A subject's trailing words that name no field (冻土工程 is about 冻土).
_TRAILING = re.compile("(?:工程|技术|科学|研究|应用|开发|利用|创新|集成|过程|流程|工艺)+$")
# Stems too broad to resolve a subject (生态 of 生态学, 生物 of 生物工程).
_TOO_BROAD = frozenset({"生态", "环境", "材料", "能源", "资源", "生物", "农业", "系统", "医", "药", "核", "化"})
_JOINS = re.compile("[与及和、]")


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    parent: str | None
    level: int  # 1 first-level class, 2 second-level, 3 third-level, 4 an item of a third-level note


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, Line], dict[str, frozenset[str]]]:
    """(code → line, word → codes): every line of ``disciplines.tsv``; a line without a source is an
    error. Words: the name, its conjuncts with the leading word shared (材料失效与保护 → 材料失效,
    材料保护), each without its kind ending (冻土学 → 冻土), and the ``words`` column."""
    lines: dict[str, Line] = {}
    words: dict[str, set[str]] = {}
    for raw in (RESOURCES / _FILE).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 5 or not cols[4].strip():
            raise ValueError(f"{_FILE}: every line needs code, name, parent, words and a source: {raw!r}")
        code, name, parent = cols[0].strip(), cols[1].strip(), cols[2].strip() or None
        level = 1 if parent is None else lines[parent].level + 1
        lines[code] = Line(code, name, parent, level)
        extra = [w.strip() for w in cols[3].split(",") if w.strip()]
        top = lines[parent] if parent is not None else None
        own = object_of(name, top.name) if top is not None and top.level == 1 and len(top.name) >= 3 else None
        for word in (*name_forms(name), *extra, *((own,) if own else ())):
            words.setdefault(word, set()).add(code)
    return lines, {w: frozenset(c) for w, c in words.items()}


def object_of(name: str, parent: str) -> str | None:
    """A line named as its object plus its class's own stem (钢铁冶金 in 冶金工程技术, 神经生物学 in
    生物学): the object alone names it too (钢铁流程 is 钢铁冶金 work) — ≥ 2 characters, not broad.

    >>> object_of("钢铁冶金", "冶金工程技术"), object_of("神经生物学", "生物学"), object_of("生物材料", "材料科学")
    ('钢铁', '神经', None)
    """
    stems = [parent] + [parent[: -len(e)] for e in _NAME_ENDINGS if parent.endswith(e) and len(parent) > len(e) + 1]
    for stem in stems:
        rest = name[: -len(stem)]
        if name.endswith(stem) and len(rest) >= 2 and rest not in _TOO_BROAD:
            return rest
    return None


@lru_cache(maxsize=4096)
def name_forms(name: str) -> tuple[str, ...]:
    """The forms a field writes a discipline in: the name, its conjuncts with the leading word of the
    first shared (a short conjunct alone — 保护, 加工 — says nothing), each without its kind ending.

    >>> name_forms("冻土学"), name_forms("材料失效与保护")
    (('冻土学', '冻土'), ('材料失效与保护', '材料失效', '材料保护'))
    """
    parts = [p for p in _JOINS.split(name.replace("、", "与")) if p]
    out = [name]
    if len(parts) > 1:
        lead = jieba.lcut(parts[0], HMM=False)[0]
        for p in parts:
            out.append(p if len(p) >= 4 or p.startswith(lead) else lead + p)
    for form in list(out):
        for ending in _NAME_ENDINGS:
            stem = form[: -len(ending)]
            if form.endswith(ending) and len(stem) >= 2 and stem not in _TOO_BROAD:
                out.append(stem)
                break
    return tuple(dict.fromkeys(w for w in out if w not in _TOO_BROAD))


@lru_cache(maxsize=200_000)
def resolve(part: str) -> tuple[frozenset[str], str] | None:
    """(codes, head word) a conjunct resolves to by its head, or None: the longest suffix at a word
    boundary naming a line, after trailing words that name no field (工程, 技术 …).

    >>> lines, _ = table()
    >>> [lines[c].name for c in resolve("大陆裂谷地震学")[0]], resolve("冻土工程")[1]
    (['地震学'], '冻土')
    >>> resolve("大气环境") is None  # 大气 modifies 环境: no 大气科学 subject
    True
    """
    _, words = table()
    for text in dict.fromkeys((part, _TRAILING.sub("", part))):
        if not text:
            continue
        toks = jieba.lcut(text, HMM=False)
        for k in range(len(toks)):
            head = "".join(toks[k:])
            if head in words:
                return words[head], head
    return None


def _ancestors(code: str) -> list[str]:
    lines, _ = table()
    out: list[str] = []
    parent = lines[code].parent
    while parent is not None:
        out.append(parent)
        parent = lines[parent].parent
    return out


def _codes_relate(x: str, y: str) -> bool:
    """One line at level ≥ 2, or one under the other with the upper one at level ≥ 3: a subject naming
    a whole second-level discipline (大气科学) is not related to every field of it (灾害天气 under
    天气学) — the labels call a 大气科学 lab and a 大气化学 lab of one host two platforms."""
    lines, _ = table()
    if x == y:
        return lines[x].level >= 2
    if x in _ancestors(y):
        return lines[x].level >= 3
    if y in _ancestors(x):
        return lines[y].level >= 3
    return False


def _stem(word: str) -> str:
    """A head word without its kind ending (天气学 → 天气): 空间天气学 and 灾害天气 have one head."""
    for ending in _NAME_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=200_000)
def related(parts_a: tuple[str, ...], parts_b: tuple[str, ...]) -> str | None:
    """The discipline (its name) two subjects, given as their conjuncts, both fall in — one line, or one
    under the other, at the second level or deeper — or None (siblings, first-level only, unresolved).

    >>> related(("钢铁冶金",), ("钢铁冶金过程",)), related(("眼科",), ("耳鼻咽喉科",))
    ('钢铁冶金', None)
    >>> related(("冰川",), ("冻土工程",)), related(("自然地理",), ("冻土工程",))
    (None, '自然地理学')
    >>> related(("空间天气学",), ("灾害天气",)), related(("大气科学",), ("大气化学",))  # one head; a whole 二级
    (None, None)
    >>> related(("玉米遗传",), ("大豆遗传",))  # one head, two modifiers: siblings
    """
    lines, _ = table()
    for pa in parts_a:
        ra = resolve(pa)
        if ra is None:
            continue
        for pb in parts_b:
            rb = resolve(pb)
            if rb is None or (_stem(ra[1]) == _stem(rb[1]) and not _bare(pa, ra[1]) and not _bare(pb, rb[1])):
                continue
            for x in ra[0]:
                for y in rb[0]:
                    if _codes_relate(x, y):
                        upper = x if x == y or x in _ancestors(y) else y
                        return lines[upper].name
    return None


def _bare(part: str, head: str) -> bool:
    """The conjunct is its head alone (no modifier of its own): 冻土工程 is 冻土, 空间天气学 is not 天气学."""
    return bare(part) in (head, _stem(head))


def bare(text: str) -> str:
    """A subject without the trailing words that name no field (饲料微生物工程 → 饲料微生物).

    >>> bare("饲料微生物工程"), bare("冻土工程"), bare("工程")
    ('饲料微生物', '冻土', '工程')
    """
    return _TRAILING.sub("", text) or text


@lru_cache(maxsize=1)
def _any_word() -> re.Pattern[str]:
    _, words = table()
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def any_discipline_word(text: str) -> bool:
    """A word of the table occurs in the text (one regex pass: the cheap test before jieba)."""
    return bool(text) and _any_word().search(text) is not None


@lru_cache(maxsize=200_000)
def block_keys(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Blocking keys of a subject given as its conjuncts (1.7): the lines its heads resolve to and the
    lines above them, at the second level or deeper — two subjects that ``related`` can relate share
    one (siblings share their parent's too: the rule, not blocking, tells them apart).

    >>> block_keys(("冻土工程",))
    ('170.45', '170.4510', '170.4510/冻土学')
    """
    if not any(_any_word().search(p) for p in parts):
        return ()  # the cheap test first: most fields name no discipline
    lines, _ = table()
    out: set[str] = set()
    for part in parts:
        hit = resolve(part)
        if hit is None:
            continue
        for code in hit[0]:
            out.update(c for c in (code, *_ancestors(code)) if lines[c].level >= 2)
    return tuple(sorted(out))


def first_level(word: str) -> bool:
    """The word names a first-level class of GB/T 13745 only (生物学, 化学, 物理学): as a shared head
    it names a kind of discipline, not a field (植物病虫害生物学 / 医学分子生物学), like a class word.

    >>> first_level("生物学"), first_level("分子生物学"), first_level("冻土")
    (True, False, False)
    """
    lines, words = table()
    codes = words.get(word, frozenset())
    return bool(codes) and all(lines[c].level == 1 for c in codes)
