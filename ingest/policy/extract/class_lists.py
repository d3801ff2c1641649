"""Members of a class a list names (…大学科技园、创业园、创业服务中心等各类创业孵化服务机构; 开发区、小微企业园、
农业产业园等各类园区): a 、-list closed by 等 and a class of platforms says that each item is one kind of that
class, whatever the item's own words are. An item is a kind where it ends in a head of place or
organisation (园, 中心, 基地, 平台, 空间, 工作站, 实验室 …); the class must be one of platforms (载体, 园区, 基地,
平台) or, for the catch-all heads 机构 / 中心, one of science, technology or innovation (科技服务机构, 创新载体),
so that 医院、学校等公共服务机构 names no kind."""

from __future__ import annotations

import re

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import STOP_TOKENS, lcut, pos_table

_CJK = "\u4e00-\u9fff"
# 等 + an optional class word + the class phrase up to its head, at the end of the list
_CLOSER = re.compile(
    rf"等(?:各类|各种|其他|一批|多种)?([{_CJK}]{{0,12}}?)(载体|园区|基地|平台|机构)(?:和基地|和平台)?(?![{_CJK}]{{0,1}}[体心地台构])"
)
_ST = re.compile(r"科技|科学|技术|创新|创业|孵化|研发|研究|成果|双创|众创")
_ITEM_HEAD = re.compile(r"(?:园|园区|中心|基地|平台|空间|工作站|实验室|孵化器|加速器|样本库|资源库)$")
_ITEM = re.compile(rf"[{_CJK}（）()]{{2,14}}$")
# a conjunction, or a head or an organisation inside the modifier: a name (怀柔实验室新疆基地) or two items
_NAMED = re.compile(r"[和与及]|实验室|中心|平台|基地|机构|大学|学院|医院|公司|集团")
_FUNCTION_POS = {"v", "vd", "d", "p", "c", "r", "u", "uj", "ul", "y", "m", "q"}


# verbs that name what a platform does, kept inside the first item (设立|创业服务中心, 建设|孵化基地)
_KIND_VERB = re.compile(r"创业|创新|孵化|转化|检测|检验|试验|实验|验证|研发|研究|育种|培训|实训|加速|共享|交易|测试")


def _first_item(text: str) -> str:
    """The words of the list's first item: the tokens after its last verb or function word (设立|大学科技园)."""
    keep: list[str] = []
    for tok in reversed(lcut(text)):
        tag = pos_table().get(tok, "n")
        if tok in STOP_TOKENS or (tag in _FUNCTION_POS and not (tag == "v" and _KIND_VERB.fullmatch(tok))):
            break
        keep.append(tok)
    return "".join(reversed(keep))


def class_items(doc: Doc, limit: int = 8) -> list[tuple[int, int]]:
    """Spans of the items of lists closed by 等 + a class of platforms (at most `limit` items per list)."""
    text = doc.text
    out: list[tuple[int, int]] = []
    for m in _CLOSER.finditer(text, 0, doc.body_end):
        cls, head = m.group(1), m.group(2)
        if re.search("[的和与及]|在内", cls) or (head not in {"载体", "园区"} and not _ST.search(cls)):
            continue  # 等在内的…平台, 等重大平台, 等公共服务机构: no class of S&T platforms
        start = max(0, m.start() - 80)
        clause = re.split(r"[，,。；;：:！？!?\n]", text[start : m.start()])[-1]
        items = clause.split("、")
        if len(items) < 2:
            continue
        pos = m.start()
        spans: list[tuple[int, int]] = []
        for k, item in enumerate(reversed(items)):
            end = pos
            pos -= len(item)
            if k == len(items) - 1:
                item = _first_item(item)
            head_m = _ITEM_HEAD.search(item)
            if (
                k >= limit
                or head_m is None
                or head_m.start() < 2
                or not _ITEM.search(item)
                or _NAMED.search(item[: head_m.start()])
            ):
                pos -= 1
                continue
            spans.append((end - len(item), end))
            pos -= 1  # the 、
        out += reversed(spans)
    return out
