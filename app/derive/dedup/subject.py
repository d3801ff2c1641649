"""What overlap compares: a platform's kind, its subject (the field without site and list furniture), its
site, and the similarity of two subjects that sees containment and synonyms.

Real overlaps are not near-identical fields: one subject worded broader / narrower (农业微生物 ⊃ 肥料微生物,
智能传感 ⊂ 智能传感与检测), a synonym (饲用 / 饲料微生物), or one site observed by two programmes (祁阳:
土壤质量 vs 农田生态系统). TF-IDF cosine scores all of these low; containment and a synonym table see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from app.derive.dedup.disciplines import bare, first_level
from app.derive.dedup.resources import broader_pattern, broader_terms, replace_all, synonyms
from app.derive.dedup.text import GENERIC_TERMS, clean_field
from app.text.gazetteer import province_of, region_prefix

# Platform kinds the type column does not carry (the MoA lists): named by the name's own suffix.
_KIND_SUFFIXES = (
    ("观测实验站", "农业科学观测实验站"),
    ("种质资源中期库", "种质资源中期库"),
    ("种质资源复份库", "种质资源复份库"),
    ("种质资源圃", "种质资源圃"),
    ("种质资源库", "种质资源库"),
)
STATION_KINDS = frozenset({"野外科学观测研究站", "农业科学观测实验站"})
# Platforms that keep a site or a collection (stations, germplasm banks and nurseries): beside a lab of
# their host they overlap on a related subject, not only on the same one (水稻 bank / 水稻生物学 lab).
COLLECTION_KINDS = STATION_KINDS | frozenset(kind for _, kind in _KIND_SUFFIXES) | {"生物种质资源库"}
# List furniture inside a field phrase: MoA station names (国家农业科学 X 观测实验站), germplasm suffixes.
# A name without a field (国家农作物种质资源库: the type is the whole name) leaves 国家; the 生物 of
# 生物种质资源库 is furniture, that of 饲料微生物种质资源库 is not (1.3).
_FURNITURE = re.compile(
    r"^(?:国家)?农业科学|^国家(?=.)|观测实验站$|(?<!微)(?:生物)?种质资源(?:中期库|复份库|试管苗库|库|圃)$|^部共建"
)
# The subjects of the MoA observation stations (农办科〔2018〕3号, 〔2019〕 lists: 土壤质量 / 农业环境 …
# 观测实验站 of a site): what follows the subject is the site.
MOA_SUBJECTS = (
    "渔业资源环境",
    "农业种质资源",
    "农业微生物",
    "农业环境",
    "土壤质量",
    "植物保护",
    "种质资源",
    "动物疫病",
    "畜禽养殖",
    "农产品质量安全",
)
# Qualifiers: a subject plus only these is the same subject (智能传感 / 智能传感与检测, 空间天气 / 空间天气学).
QUALIFIERS = GENERIC_TERMS | frozenset(
    {"智能", "绿色", "高端", "数字", "装备", "工艺", "检测", "学", "与", "及", "和", "高性能", "新"}
)
# Too broad to make an overlap by containment alone (生态 ⊂ 城市区域生态).
_BROAD = GENERIC_TERMS | frozenset({"生态", "环境", "材料", "能源", "资源", "作物", "生物", "农业", "系统", "生态系统"})
_LEADING_BROAD = tuple(sorted((w for w in _BROAD if len(w) >= 2), key=len, reverse=True))


def platform_kind(name: str, type_: str | None) -> str | None:
    """The type, or for a MoA list row without one, the kind its name ends with (圃 / 中期库 / 观测实验站)."""
    for suffix, kind in _KIND_SUFFIXES:
        if name.split("(")[0].split("（")[0].endswith(suffix):
            return kind
    return type_


@dataclass(frozen=True)
class Subject:
    text: str  # cleaned subject, synonyms replaced by their canonical word
    sites: frozenset[str]  # site spellings a station may be named by (empty: not a station)


@lru_cache(maxsize=200_000)
def subject_of(field: str, kind: str | None) -> Subject:
    """Subject and site of a field phrase. A MoA station is 'subject + site' (土壤质量祁阳); a MOST / MOE
    station is 'site + subject' (祁阳农田生态系统): its candidate sites are the field's 2–4 character
    prefixes (compared, never cut, since the boundary is unknown)."""
    f = _FURNITURE.sub("", _FURNITURE.sub("", clean_field(field)))
    sites: frozenset[str] = frozenset()
    if kind == "农业科学观测实验站":
        for subj in MOA_SUBJECTS:
            if f.startswith(subj) and len(f) > len(subj):
                sites, f = frozenset({f[len(subj) :]}), subj
                break
    elif kind in STATION_KINDS and len(f) >= 4:
        sites = frozenset(f[:k] for k in (2, 3, 4) if k < len(f))
    return Subject(replace_all(f, synonyms()), sites)


@lru_cache(maxsize=200_000)
def name_site(name: str, field: str) -> str | None:
    """1.5: the place word a station's name puts before its field when the reader took it off the field
    as a region prefix (那曲 of 那曲生态环境教育部野外科学观测研究站, field 生态环境): a site spelling of
    the station. A province (西藏 of 西藏那曲…) is no site; 2–4 characters only.

    >>> name_site("那曲生态环境教育部野外科学观测研究站", "生态环境")
    '那曲'
    >>> name_site("西藏那曲高寒草地生态系统站", "那曲高寒草地生态系统") is None
    True
    """
    at = name.find(field) if field else -1
    if at < 2:
        return None
    pre = name[:at]
    hit = region_prefix(pre)
    if hit is not None and province_of(hit[1]) == hit[1]:
        pre = pre[len(hit[0]) :]
    return pre if 2 <= len(pre) <= 4 else None


def same_site(a: Subject, b: Subject) -> int:
    """1 both stations and a site spelling in common, 0 both stations on different sites, -1 not
    comparable (not both stations). A MoA site (祁阳) is matched against the other's prefixes."""
    if not a.sites or not b.sites:
        return -1
    if not a.sites.isdisjoint(b.sites):
        return 1
    # one MoA site (a full site word) against a MOST field's prefixes: prefix match either way
    for x in a.sites:
        for y in b.sites:
            if len(x) >= 2 and len(y) >= 2 and (x.startswith(y) or y.startswith(x)):
                return 1
    return 0


def contains(a: str, b: str) -> bool:
    """The shorter subject (≥ 2 characters, not a broad word) inside the longer: 蔬菜 ⊂ 多年生蔬菜."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 2 and short not in _BROAD and short in long and short != long


@lru_cache(maxsize=200_000)
def unmodified(text: str) -> str:
    """1.6: a subject without the broad words that lead it (农业种质资源 → 种质资源, 生物农药 → 农药): a
    broad modifier does not narrow what a station or bank keeps. The subject itself when that leaves
    fewer than 4 characters or a broad word.

    >>> unmodified("农业种质资源"), unmodified("农业微生物"), unmodified("植物保护")
    ('种质资源', '农业微生物', '植物保护')
    """
    rest = text
    stripped = True
    while stripped:
        stripped = False
        for word in _LEADING_BROAD:
            if rest.startswith(word) and len(rest) > len(word):
                rest, stripped = rest[len(word) :], True
                break
    return rest if rest != text and len(rest) >= 4 and rest not in _BROAD else text


def only_qualifiers(rest: str) -> bool:
    """The words a longer subject adds are qualifiers only (greedy, longest qualifier first)."""
    quals = sorted(QUALIFIERS, key=len, reverse=True)
    while rest:
        for q in quals:
            if rest.startswith(q):
                rest = rest[len(q) :]
                break
        else:
            return False
    return True


def same_subject(a: Subject, b: Subject) -> bool:
    """One subject: equal after synonyms, or the longer adds qualifiers only (智能传感 ⊂ 智能传感与检测)."""
    if not a.text or not b.text:
        return False
    if a.text == b.text:
        return True
    short, long = (a.text, b.text) if len(a.text) <= len(b.text) else (b.text, a.text)
    return contains(short, long) and only_qualifiers(long.replace(short, "", 1))


def bigram_dice(a: str, b: str) -> float:
    """Character-bigram Dice; a shared bigram that is a broad word alone (环境, 农业, 资源 …) counts as
    no evidence (1.6: 农业环境 / 资源环境信息系统 shared only 环境), though it stays in the denominators.
    Equal strings are 1.0 whatever they hold (生物医药 / 生物医药).

    >>> round(bigram_dice("大气遥感", "大气环境"), 2), bigram_dice("农业环境", "资源环境信息")
    (0.33, 0.0)
    >>> bigram_dice("生物医药", "生物医药")
    1.0
    """
    if a == b:
        return 1.0 if a else 0.0
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    if not ga or not gb:
        return 0.0
    return 2 * len((ga & gb) - _BROAD) / (len(ga) + len(gb))


def subject_similarity(a: Subject, b: Subject) -> float:
    """1.0 equal or contained (after synonyms); else the character-bigram Dice of the two subjects'
    cores (qualifier words removed)."""
    if not a.text or not b.text:
        return 0.0
    if a.text == b.text or contains(a.text, b.text):
        return 1.0
    return bigram_dice(core(a.text), core(b.text))


@lru_cache(maxsize=200_000)
def concepts(text: str, city: bool = False) -> frozenset[str]:
    """The broader terms (``resources/broader.tsv``, and ``broader_host.tsv`` unless ``city``) a subject
    names or falls under: ``concepts("野生棉") == {"棉花"}``; ``concepts("粮食作物")`` holds 粮食作物 and
    农作物."""
    out: set[str] = set()
    table = broader_terms(city)
    for term in _terms_in(text, city):
        out |= table[term]
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _terms_in(text: str, city: bool = False) -> tuple[str, ...]:
    """The thesaurus terms a subject holds, each ending at a word end (jieba, no HMM): (1.6) a term
    that only starts a word modifies it — 地质 of 地质灾害 is no 地质 subject.

    >>> _terms_in("巴东地质灾害"), _terms_in("九三土壤侵蚀")
    ((), ('土壤侵蚀',))
    """
    found = [(m.group(0), m.end()) for m in broader_pattern(city).finditer(text)]
    if not found:
        return ()
    ends, at = set(), 0
    for tok in jieba.lcut(text, HMM=False):
        at += len(tok)
        ends.add(at)
    return tuple(term for term, end in found if end in ends)


@lru_cache(maxsize=200_000)
def named(text: str, city: bool = False) -> frozenset[str]:
    """The broader terms of the thesaurus a subject names itself (地表过程 of 地表过程资源生态)."""
    table = broader_terms(city)
    return frozenset(t for t in _terms_in(text, city) if t in table[t])


def broader_related(
    a: str, b: str, city: bool = False, heads: tuple[tuple[str, ...], tuple[str, ...]] | None = None
) -> bool:
    """One subject names a broader term of the thesaurus that the other names or falls under:
    地表过程 / 九三土壤侵蚀, 农作物 / 粮食作物, 棉花 / 野生棉 (related, not one subject). Two narrower
    terms of one broader term are not related (森林 / 草原 are both 植被). ``city``: only the lines that
    may relate two hosts of one city (1.4: not the sector lines of ``broader_host.tsv``).

    >>> broader_related("植被环境变化", "锡林郭勒草原"), broader_related("森林生态", "草原生态")
    (True, False)
    >>> broader_related("深部煤炭开采", "深部煤矿采动"), broader_related("深部煤炭开采", "深部煤矿采动", city=True)
    (True, False)
    """
    if not a or not b:
        return False
    if heads is None:
        return any(
            not siblings(a, b, t) for t in (named(a, city) & concepts(b, city)) | (named(b, city) & concepts(a, city))
        )
    # 1.9: the relation needs a head on one side at least: 作物 of 作物有害生物 / 水稻 of 水稻生物学 relate
    # two modifiers, 草原 station / 草地农业 lab a head and a modifier
    (na, ca, ha, hca), (nb, cb, hb, hcb) = _head_terms(a, heads[0], city), _head_terms(b, heads[1], city)
    linked = (ha & cb) | (na & hcb) | (hb & ca) | (nb & hca)
    return any(not siblings(a, b, t) for t in linked)


@lru_cache(maxsize=200_000)
def _head_terms(
    text: str, parts: tuple[str, ...], city: bool
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """1.9: the broader terms a subject names and those it falls under, each from all its thesaurus
    terms and from those that are heads of the subject only (``is_head``).

    >>> _head_terms("长兴作物有害生物", (), False)[2:]
    (frozenset(), frozenset())
    >>> sorted(_head_terms("粮食作物", (), False)[3])
    ['作物', '农作物', '粮食作物']
    """
    table = broader_terms(city)
    terms = _terms_in(text, city)
    heads = tuple(t for t in terms if is_head(t, text, parts))

    def under(found: tuple[str, ...]) -> frozenset[str]:
        return frozenset(c for t in found for c in table[t])

    own = frozenset(t for t in terms if t in table[t])
    return own, under(terms), frozenset(t for t in heads if t in table[t]), under(heads)


# Trailing words after which the word before is still the head: X生态系统 observes X, 冻土工程 is 冻土,
# X种质资源 keeps the germplasm of X (the furniture of the germplasm lists).
_NO_FIELD_TAIL = re.compile("(?:种质资源|生态系统|生态|工程|技术|科学|研究|应用|开发|利用|创新|集成|过程|流程|工艺)+$")


def _tail_off(part: str) -> str:
    return _NO_FIELD_TAIL.sub("", part) or part


_ECOLOGY_TAIL = re.compile("(?:生态系统|生态)$")


def site_ecology(sites: frozenset[str], parts: tuple[str, ...]) -> str | None:
    """1.9: a conjunct that names the ecology of a place (三江源生态: X生态 is the ecology *of* X) whose
    place is a site spelling of a station (``Subject.sites``): the lab studies the place the station
    observes. The place needs ≥ 3 characters and no broad word (城市生态 names no site).

    >>> site_ecology(frozenset({"洱海", "洱海湖", "洱海湖泊"}), ("城市生态", "保护"))
    >>> site_ecology(frozenset({"若尔", "若尔盖", "若尔盖湿"}), ("若尔盖生态", "牧业"))
    '若尔盖'
    """
    for part in parts:
        place = _ECOLOGY_TAIL.sub("", part)
        if place != part and len(place) >= 3 and place not in _NOT_SHARED and place in sites:
            return place
    return None


def is_whole(word: str, parts: tuple[str, ...]) -> bool:
    """1.9: the word is a conjunct by itself once trailing words that name no field are dropped (黄土 of
    黄土与第四纪地质, 三江源 of 三江源生态与高原农牧业): a field of its own."""
    return any(part == word or _tail_off(part) == word for part in parts)


@lru_cache(maxsize=200_000)
def is_head(word: str, text: str, parts: tuple[str, ...] = ()) -> bool:
    """1.9: ``word`` is a head of the subject — it ends the subject or one of its conjuncts (``parts``)
    once trailing words that name no field are dropped (X种质资源 keeps the germplasm *of* X), or a
    broad word follows it (草地 of 草地农业生态系统: X农业 is the farming *of* X). A word followed by a
    word of its own modifies that word (草原 of 草原家畜生殖调控, 水稻 of 水稻生物学, 作物 of 作物有害生物).

    >>> is_head("草原", "典型草原生态系统"), is_head("草原", "草原家畜生殖调控繁育", ("草原家畜生殖调控", "繁育"))
    (True, False)
    >>> is_head("草地", "草地农业生态系统"), is_head("水稻", "水稻生物学")
    (True, False)
    >>> is_head("农作物", "新乡农作物种质资源")
    True
    """
    for part in parts or (text,):
        if part.endswith(word) or _tail_off(part).endswith(word):
            return True
        toks = jieba.lcut(part, HMM=False)
        at = 0
        for k, tok in enumerate(toks[:-1]):
            at += len(tok)
            if part[:at].endswith(word) and toks[k + 1] in _BROAD:
                return True
    return False


def siblings(a: str, b: str, term: str) -> bool:
    """1.6: both subjects end with the broader term, neither is the term itself: two narrower terms of
    it, each with its own modifier (饲料微生物 / 畜禽水产微生物 under 微生物), not related through it.

    >>> siblings("饲料微生物", "畜禽水产微生物", "微生物"), siblings("农作物", "粮食作物", "农作物")
    (True, False)
    >>> siblings("饲料微生物工程", "植物保护微生物", "微生物")  # 1.7: 工程 names no field
    True
    """
    a, b = bare(a), bare(b)
    return a != term and b != term and a.endswith(term) and b.endswith(term)


# Words two subjects may share without sharing a field: broad words, qualifiers, ecosystem furniture.
_NOT_SHARED = _BROAD | QUALIFIERS | frozenset({"生态系统", "变化", "过程", "国家", "地区", "区域"})


@lru_cache(maxsize=200_000)
def words(text: str) -> frozenset[str]:
    """Dictionary words (≥ 2 characters, not broad / qualifier) of a subject: jieba, no HMM."""
    return frozenset(w for w in jieba.lcut(text, HMM=False) if len(w) >= 2 and w not in _NOT_SHARED)


def shared_word(a: str, b: str, parts_a: tuple[str, ...] = (), parts_b: tuple[str, ...] = ()) -> bool:
    """The subjects share a field word, or a word of one ends a word of the other — its head: 动力学
    of 太原大陆裂谷动力学 / 地震动力学. (1.6) A word that only starts the other's word modifies it and
    is no shared field (地质 of 地质灾害, 人工 of 人工林; 1.3–1.5 took any containment), unless it is a
    whole conjunct of its subject (``parts_*``), a field by itself: 黄土 of 黄土与第四纪地质 / 黄土高原.

    >>> shared_word("地震动力学", "大陆裂谷动力学"), shared_word("人工微结构", "人工林")
    (True, False)
    >>> shared_word("黄土第四纪地质", "黄土高原", ("黄土", "第四纪地质"))
    True
    """
    wa, wb = words(a), words(b)
    return any(
        (_word_in(x, y, parts_a) or _word_in(y, x, parts_b)) and _heads(x, a, parts_a, y, b, parts_b)
        for x in wa
        for y in wb
    )


def _heads(x: str, a: str, parts_a: tuple[str, ...], y: str, b: str, parts_b: tuple[str, ...]) -> bool:
    """1.9: two related words make a shared field only as heads of their subjects (``is_head``): 草原
    is the subject of 典型草原生态系统 but a modifier of 草原家畜生殖调控 (1.6 checked the word inside the
    other word only)."""
    if is_whole(x, parts_a or (a,)) or is_whole(y, parts_b or (b,)):
        return True
    return is_head(x, a, parts_a) and is_head(y, b, parts_b)


def _word_in(x: str, y: str, parts: tuple[str, ...]) -> bool:
    """Word ``x`` (of a subject whose conjuncts are ``parts``) equals, ends, or — a whole conjunct —
    is inside word ``y``."""
    return x == y or y.endswith(x) or (x in parts and x in y)


# Class words (1.4): a head naming only a class of things; the word before it is the field (光电材料 /
# 生物材料 are two fields). A shared head made of a class word alone, or of one character before it
# (膜材料), is no shared field.
CLASS_WORDS = frozenset(
    {
        "材料",
        "器件",
        "设备",
        "装备",
        "仪器",
        "装置",
        "元件",
        "部件",
        "系统",
        "产品",
        "机械",
        "药物",
        "工程",
        "技术",
        "科学",
    }
)
_CONJUNCTS = re.compile("[与及和、]")


def _class_only(head: str) -> bool:
    for word in CLASS_WORDS:
        if head.endswith(word):
            return len(head) - len(word) < 2
    return False


@lru_cache(maxsize=200_000)
def conjuncts(field: str) -> tuple[str, ...]:
    """The subjects a raw field phrase joins with 与 / 及 / 和 / 、, each cleaned as ``subject_of``
    cleans a field (the cleaned field has lost the connectives).

    >>> conjuncts("天然药物与仿生药物")
    ('天然药物', '仿生药物')
    """
    parts = (subject_of(p, None).text for p in _CONJUNCTS.split(field))
    return tuple(p for p in parts if p)


@lru_cache(maxsize=200_000)
def head_suffixes(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The candidate heads of a subject given as its conjuncts, longest first: each conjunct's suffixes
    that start at a word boundary (jieba, no HMM) — the head of a Chinese compound is at its end, what
    comes before it is a modifier.

    >>> head_suffixes(("新能源电力系统",)), head_suffixes(("半导体照明",))
    (('新能源电力系统', '电力系统'), ('半导体照明', '照明'))
    """
    out: list[str] = []
    for part in parts:
        toks = jieba.lcut(part, HMM=False)
        out.extend("".join(toks[k:]) for k in range(len(toks)))
    return tuple(sorted(dict.fromkeys(h for h in out if h), key=len, reverse=True))


def shared_head(
    a: str, b: str, min_len: int = 3, parts_a: tuple[str, ...] = (), parts_b: tuple[str, ...] = ()
) -> str | None:
    """A field both subjects name as a head (1.4): a head of the shorter subject (a suffix of one of
    its conjuncts ``parts_*``, default the whole subject, at a word boundary; both sides when equally
    long) found in the other, of ≥ ``min_len`` characters, not a broad word or qualifier, not a class
    word alone nor one character before it (材料 of 光电材料 / 生物材料, 膜材料). A shared modifier is
    no shared field: 半导体 of 半导体照明 / 半导体超晶格.

    >>> shared_head("新能源电力系统", "电力系统及大型发电设备安全控制和仿真"), shared_head("半导体照明", "半导体超晶格")
    ('电力系统', None)
    >>> shared_head("组分中药", "创新中药", 2), shared_head("光电材料", "生物医用材料", 2)
    ('中药', None)
    >>> shared_head("天然药物仿生药物", "天然药物活性物质功能", 3, ("天然药物", "仿生药物"))
    '天然药物'
    >>> shared_head("膜材料膜应用", "膜材料膜过程", 3, ("膜材料", "膜应用"), ("膜材料", "膜过程"))
    '膜材料'
    """
    if not a or not b:
        return None
    pa, pb = parts_a or (a,), parts_b or (b,)
    sides = [(b, pa, pb), (a, pb, pa)]
    if len(a) != len(b):
        sides = [sides[0] if len(a) < len(b) else sides[1]]
    for long, parts, other in sides:
        for head in head_suffixes(parts):
            if len(head) < min_len or head in _NOT_SHARED or head not in long:
                continue
            # a class word alone (材料 of 光电材料 / 生物材料) is no field, unless the head is a whole
            # conjunct of both subjects: then it is the field itself (膜材料 / 分离膜 = 膜材料)
            if _class_only(head) and not (head in parts and head in other):
                continue
            # 1.7: a first-level discipline name (生物学 of 植物病虫害生物学 / 医学分子生物学) is a class too
            if first_level(head) and head not in parts:
                continue
            # 1.6: a broader term of the thesaurus as the head of both (饲料微生物 / 植保微生物) makes
            # two narrower terms of it — siblings, like 森林 / 草原 — unless one subject is that term
            if _sibling_head(head, parts, long):
                continue
            return head
    return None


def _sibling_head(head: str, parts: tuple[str, ...], long: str) -> bool:
    """The head is a broader term of ``broader.tsv`` that ends both subjects, each narrowing it with a
    modifier of its own: 饲料微生物 / 畜禽水产微生物 are two narrower terms of 微生物 (siblings, like
    森林 / 草原), while 微生物资源前期开发 names 微生物 itself.

    >>> _sibling_head("微生物", ("饲料微生物",), "植保微生物")
    True
    >>> _sibling_head("微生物", ("农业微生物",), "微生物资源开发")
    False
    >>> _sibling_head("微生物", ("植物保护微生物",), "饲料微生物工程")
    True
    """
    if head not in broader_terms(True).get(head, frozenset()):
        return False
    long = bare(long)  # 1.7: 饲料微生物工程 ends with 微生物 (工程 names no field)
    return long != head and long.endswith(head) and head not in parts


def conjunct_in(parts: tuple[str, ...], other: str) -> str | None:
    """1.5: a subject joining two fields (城市和区域生态: 城市 / 区域生态) relates to a subject holding one
    of them whole — containment per conjunct, as ``contains`` is for whole subjects. The conjunct needs
    ≥ 4 characters (a field, not a broad word or class word alone).

    >>> conjunct_in(("城市", "区域生态"), "京津冀区域生态环境变化综合治理")
    '区域生态'
    >>> conjunct_in(("城市", "区域生态"), "城市交通") is None
    True
    """
    if len(parts) < 2:
        return None
    for part in parts:
        if len(part) >= 4 and part not in _NOT_SHARED and not _class_only(part) and part in other:
            return part
    return None


_CORE_WORDS = GENERIC_TERMS | {"智能", "绿色", "高端", "数字", "装备", "工艺", "检测", "高性能"}
_CORE_DROP = re.compile("|".join(sorted(_CORE_WORDS, key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def core(text: str) -> str:
    """A subject without qualifier words (关键技术, 智能, 装备 …): what the bigram Dice compares, so two
    subjects do not look alike for sharing 关键技术."""
    return _CORE_DROP.sub("", text) or text
