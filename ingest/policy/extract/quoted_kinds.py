"""Kinds in quotes and kinds a text reports as selected (round x-types6).

Work reports name designations in quotes (获评全球首个乳业“灯塔工厂”, 入选“双百企业”“科改企业”, 支持建设
“零碳工厂”、“零碳园区”) and report selections in passing (入选全国首批卓越级智能工厂). A quoted kind stands where
its quotes stand: the words before the opening quote are its context, and quoted items of a list are
coordinated across their quotes. A quoted phrase with a count of items (“两个基地”, “五大基地”) or a brand of
place (“中国稻种基地”) is a slogan, no kind."""

from __future__ import annotations

import re

# an opening quote with two to six characters up to the head: a designation quoted whole (“双百|企业”)
WHOLE_QUOTED = re.compile(r"“(?=[\u4e00-\u9fff]{2,6}$)")
# a count of items or a brand of place in a quoted phrase makes it a slogan (“两个基地”, “五大基地”, “中国稻种基地”)
SLOGAN = re.compile(r"[一二两三四五六七八九十百千万][个大类项条张]|^(?:中国|世界|全球|全国)")

# selected into a designation: 入选…, 获评…, 评为…, 跻身… with up to ten words of who selects or which batch
# between (入选国务院国资委“双百企业”, 获评全球首个乳业“灯塔工厂”, 入选全国首批卓越级智能工厂)
SELECTED = re.compile(r"(?:入选|获评|评为|跻身|获批创建|获批建设)[^，,。；;：:、！？\n“”的]{0,10}(?:“[^“”]{1,8}”)*$")


def quoted_ok(head: str, word: str, st_word: re.Pattern[str]) -> bool:
    """A quoted word before a head (“数字领航”企业, “一带五”基地) is a designation where it is no slogan, and,
    before a head of places or systems, where it says science or technology (“自然城市”平台 is none)."""
    if SLOGAN.search(word):
        return False
    return head in {"企业", "工厂"} or st_word.search(word) is not None


def unquoted(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) with the quotes around it (“灯塔工厂”): a quoted kind stands where its quotes stand."""
    if s >= 1 and text[s - 1] in '“"' and text[e : e + 1] in ("”", '"'):
        return s - 1, e + 1
    return s, e


def unquoted_end(text: str, e: int) -> int:
    """The end of the kind before e, inside its closing quote (“零碳工厂”、)."""
    return e - 1 if e >= 1 and text[e - 1] in '”"' else e


def unquoted_start(text: str, s: int) -> int:
    """The start of the kind at s, inside its opening quote (、“零碳园区”)."""
    return s + 1 if text[s : s + 1] in ("“", '"') else s
