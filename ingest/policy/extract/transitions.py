"""Transitions between platform types: stop_new, merge, convert, revoke, restructure, promote."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.typehits import TypeHit
from ingest.policy.models import Transition


def _types_in(doc: Doc, s: int, e: int) -> list[TypeHit]:
    return [h for h in doc.hits_between(s, e) if "entity" not in h.entry.flags]


@dataclass
class _Sentence:
    ss: int
    se: int
    sent: str
    hits: list[TypeHit]


class _Transitions:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.out: list[Transition] = []

    def add(self, kind: str, s: int, e: int, frm: list[str], to: str | None, rule: str, conf: float = 0.8) -> None:
        frm = list(dict.fromkeys(frm))
        if any(t.kind == kind and t.from_type == frm and t.to_type == to for t in self.out):
            return
        self.out.append(
            Transition(
                span=(s, e), text=self.doc.q(s, e), kind=kind, from_type=frm, to_type=to, rule=rule, confidence=conf
            )
        )


_STOP_NEW = re.compile(r"不再(?:批复|受理)?(?:新建|批建|认定|新设)")


def _stop_new(x: _Sentence, acc: _Transitions) -> None:
    """不再批复新建 X."""
    for m in _STOP_NEW.finditer(x.sent):
        after = [h for h in x.hits if h.start >= x.ss + m.end()]
        if after:
            cs = x.ss + max(x.sent.rfind(",", 0, m.start()) + 1, 0)
            acc.add("stop_new", cs, after[0].end, [after[0].type], None, "transition.stop_new", 0.95)


_INCORPORATE = re.compile(r"纳入(?:到)?(.{0,30}?)(?:序列|管理)")
_INCORPORATE_ANY = re.compile(r"纳入(?:到)?相关")


def _incorporate(x: _Sentence, acc: _Transitions) -> None:
    """纳入 X 序列 / 管理: merge (归并/优化整合现有) or convert."""
    ss, sent, hits = x.ss, x.sent, x.hits
    m = _INCORPORATE.search(sent)
    if not m or _INCORPORATE_ANY.search(sent):
        return
    to_hits = [h for h in hits if ss + m.start() <= h.start < ss + m.end()]
    before = [h for h in hits if h.end <= ss + m.start() and "umbrella" not in h.entry.flags]
    to: str | None = to_hits[-1].type if to_hits else None
    if to is None:
        cat = re.search(r"(科学与工程研究|技术创新与成果转化|基础支撑与条件保障)类", m.group(1))
        to = cat.group(0) + "科技创新基地" if cat else None
    frm = [h.type for h in before if h.type != to or re.search(r"归并|合并|优化整合", sent)]
    if to and (frm or before):
        kind = "merge" if re.search(r"归并|合并|优化整合现有|整合组建", sent) else "convert"
        acc.add(kind, ss, x.se, frm or [h.type for h in before], to, f"transition.{kind}.incorporate")


_UPGRADE = re.compile(r"转型升级为|转为|转建为")


def _upgrade(x: _Sentence, acc: _Transitions) -> None:
    """转型升级为 X."""
    ss, sent, hits = x.ss, x.sent, x.hits
    m = _UPGRADE.search(sent)
    if not m:
        return
    to_h = [h for h in hits if h.start >= ss + m.end()]
    frm_s = sent[: m.start()]
    subj = [y for y in re.split(r"[、,]", re.sub(r"^(?:引导|支持|推动|鼓励)+", "", frm_s)) if 2 <= len(y) <= 10]
    if to_h:
        acc.add(
            "convert",
            ss,
            x.se,
            subj[:4] or [h.type for h in hits if h.end <= ss + m.start()],
            to_h[0].type,
            "transition.convert.upgrade",
        )


_REFORM = re.compile(r"(?:改革调整|撤、并、转)")


def _reform(x: _Sentence, acc: _Transitions) -> None:
    """改革调整 legacy X, 布局建设 Y / 撤、并、转 … 转建 Y."""
    doc, ss, se, hits = acc.doc, x.ss, x.se, x.hits
    m = _REFORM.search(x.sent)
    if not m:
        return
    legacy = [h for h in hits if "legacy" in h.entry.flags]
    newer = [
        h
        for h in hits
        if "legacy" not in h.entry.flags
        and "umbrella" not in h.entry.flags
        and legacy
        and h.start > legacy[0].start
        # A successor is named after the trigger (改革调整 X … 布局建设 Y); types listed before
        # it are the enumeration the clause reviews (对现有A、B、C…通过撤、并、转), not a target.
        and h.start > ss + m.start()
    ]
    if legacy and not newer:
        nxt = re.search(r"转建", doc.text[se : se + 120])
        if nxt:
            newer = [h for h in doc.type_hits if se + nxt.end() <= h.start < se + 140 and "legacy" not in h.entry.flags]
    if legacy and newer:
        acc.add("convert", ss, se, [legacy[0].type], newer[0].type, "transition.convert.reform")


_RESTRUCTURE = re.compile(r"优化重组")
_REVOKE = re.compile(
    r"(?:调整和撤销|予以撤销|重组或撤销|进行撤销|撤销|予以摘牌|摘牌|取消其?(?:[\u4e00-\u9fff]{0,6}?)(?:认定|资格|命名|称号))"
    r"(?!淘汰|一批)"
)


def _revoke_restructure(x: _Sentence, acc: _Transitions) -> None:
    ss, sent, hits = x.ss, x.sent, x.hits
    for m in _REVOKE.finditer(sent):
        if re.search(r"\d+\s*[家个]", sent[m.end() : m.end() + 12]):
            continue
        before = [h for h in hits if h.end <= ss + m.start() and "umbrella" not in h.entry.flags]
        head = _HEAD_IN.search(m.group(0))
        if head is not None:  # 取消其园区建设资格: the kind revoked is one whose name ends in 园区
            before = [h for h in before if h.entry.surface.endswith(head.group(0))]
        if not before and sent.find("其", m.start(), m.end()) >= 0:
            # 取消其…资格: 其 points back to the kind the text is about, named in an earlier sentence
            before = [
                h
                for h in _earlier(acc.doc, ss)
                if "umbrella" not in h.entry.flags and (head is None or h.entry.surface.endswith(head.group(0)))
            ]
        frm = [before[-1].type] if before else (["科技创新平台"] if "平台" in sent[: m.start()] else [])
        if frm:
            acc.add("revoke", ss, x.se, frm, None, "transition.revoke", 0.8)
    m2 = _RESTRUCTURE.search(sent)
    if m2 and not _done_to_a_count(sent, m2.start()):
        restr = [h.type for h in hits if h.end <= ss + m2.start() and "umbrella" not in h.entry.flags]
        if restr and not any(t.kind == "restructure" for t in acc.out):
            acc.add("restructure", ss, x.se, restr, None, "transition.restructure", 0.8)


_HEAD_IN = re.compile(r"园区|基地|中心|实验室|平台|工作站|示范区")
# a clause that reports a restructuring done to counted platforms (28家全国重点实验室完成优化重组)
_DONE_COUNT = re.compile(r"\d+\s*[家个所][^，,；;。]*(?:完成|实现)?$|完成$")


def _done_to_a_count(sent: str, k: int) -> bool:
    """The clause before k states a count of platforms or a completion: a work report's statistic of what
    was done to some labs (holdout README: 全国重点实验室重组35家 is a count), not a rule for their kind."""
    start = max(sent.rfind(c, 0, k) for c in "，,；;") + 1
    return _DONE_COUNT.search(sent, start, k) is not None


def _earlier(doc: Doc, ss: int) -> list[TypeHit]:
    """Kinds named in the 400 characters before a sentence (not enterprise designations)."""
    return [h for h in doc.type_hits if ss - 400 <= h.start and h.end <= ss and "entity" not in h.entry.flags]


def _promote_one(x: _Sentence, acc: _Transitions, m: re.Match[str]) -> None:
    doc, ss, sent, hits = acc.doc, x.ss, x.sent, x.hits
    after = [h for h in hits if ss + m.end() <= h.start <= ss + m.end() + 6]
    before = [
        h for h in doc.type_hits if h.end <= ss + m.start() and ss - 400 <= h.start and "entity" not in h.entry.flags
    ]
    trig = m.group(0)
    tail = sent[m.end() :]
    if re.match(r".{0,14}?\d+\s*[家个]", tail):
        return
    if trig == "晋升" and tail.startswith("国家级"):
        frm = [before[-1].type] if before else []
        if frm:
            acc.add("promote", ss, x.se, frm, frm[0], "transition.promote.level", 0.7)
        return
    if not after:
        return
    to_p = after[0]
    if trig in {"申报", "争取", "争创"} and (to_p.level != "国家级" or "umbrella" in to_p.entry.flags):
        return
    # 推荐…申报 / X申报国家X: the subject platform type stands right before the trigger
    if trig == "申报" and "推荐" not in sent[: m.start()] and not any(h.end == ss + m.start() for h in before):
        return
    if trig == "争取" and "认定" not in tail[:20] and "晋级" not in tail[:20]:
        return
    frm_h = [h for h in before if h.type != to_p.type or h.level != to_p.level]
    if not frm_h:
        frm_h = [h for h in before]
    if not frm_h:
        return
    acc.add("promote", ss, x.se, [frm_h[-1].type], to_p.type, f"transition.promote.{trig}", 0.7)


_PROMOTE = re.compile(r"晋升为|晋升|晋级|申报|争取|推荐培育|争创")


def _promote(x: _Sentence, acc: _Transitions) -> None:
    """晋升为 / 晋级 / 申报国家X / 争取国家X认定 / 推荐培育 / 争创国家X (without a count)."""
    for m in _PROMOTE.finditer(x.sent):
        _promote_one(x, acc, m)


_CANDIDATE = re.compile(r"(?:作为|列为|列入)([^，,。；;]{2,60}?)(?:优先|重点)?(?:培育|创建|推荐)对象")


def _candidate(x: _Sentence, acc: _Transitions) -> None:
    """作为 / 列为 … (优先)培育对象: the platforms a review rates best become candidates of a higher kind named
    in between (评估优秀的园区将作为国家农业高新技术产业示范区优先培育对象): a promote (gold promote_recommend)."""
    doc, ss = acc.doc, x.ss
    for m in _CANDIDATE.finditer(x.sent):
        inner = [h for h in x.hits if ss + m.start(1) <= h.start and h.end <= ss + m.end(1)]
        if not inner:
            continue
        to = inner[-1]
        before = [
            h
            for h in doc.type_hits
            if ss - 400 <= h.start and h.end <= ss + m.start() and "entity" not in h.entry.flags and h.type != to.type
        ]
        if before:
            acc.add("promote", ss, x.se, [before[-1].type], to.type, "transition.promote.candidate", 0.6)


_RULES = (_stop_new, _incorporate, _upgrade, _reform, _revoke_restructure, _promote, _candidate)


def find_transitions(doc: Doc) -> list[Transition]:
    acc = _Transitions(doc)
    for ss, se in doc.sentences:
        if ss >= doc.body_end:
            break
        x = _Sentence(ss, se, doc.text[ss:se], _types_in(doc, ss, se))
        for rule in _RULES:
            rule(x, acc)
    return acc.out
