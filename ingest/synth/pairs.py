"""Which two records are duplicates by the issue's definition (labelled in labels.csv)."""

from __future__ import annotations

from app.text.taxonomy import by_name
from ingest.synth import vocab
from ingest.synth.model import Rec

# Type families that do the same work (issue 5: 重点实验室 / 工程研究中心 / 技术创新中心 …).
_ADJACENT_FAMILIES = {
    frozenset(p)
    for p in (
        ("lab", "engineering"),
        ("lab", "innovation"),
        ("lab", "clinical"),
        ("engineering", "innovation"),
        ("engineering", "enterprise"),
        ("innovation", "enterprise"),
    )
}


def core(field_: str) -> str:
    """The subject of a drawn field: the modifiers _field put around it removed (智能X工艺 → X)."""
    for pre in sorted(vocab.MODIFIERS_PRE, key=len, reverse=True):
        if pre and field_.startswith(pre) and len(field_) > len(pre):
            field_ = field_[len(pre) :]
            break
    for post in sorted(vocab.MODIFIERS_POST, key=len, reverse=True):
        if post and field_.endswith(post) and len(field_) > len(post):
            return field_[: -len(post)]
    return field_


def overlap_kind(a: Rec, b: Rec) -> tuple[Rec, Rec, str] | None:
    """The issue's definition applied to two distinct records at one host on one subject: a legacy
    type beside its successor is a transition_overlap (legacy first); one type, one family or adjacent
    families an overlap (two draws are two platforms, whatever their level); unrelated types, none."""
    if vocab.SUCCESSOR.get(a.type) == b.type:
        return a, b, "transition_overlap"
    if vocab.SUCCESSOR.get(b.type) == a.type:
        return b, a, "transition_overlap"
    fams = by_name()
    fa, fb = (fams[t].family if t in fams else None for t in (a.type, b.type))
    adjacent = b.type in vocab.ADJACENT.get(a.type, ()) or a.type in vocab.ADJACENT.get(b.type, ())
    if fa is not None and (fa == fb or frozenset((fa, fb)) in _ADJACENT_FAMILIES or adjacent):
        return a, b, "overlap"
    return None


def incidental_overlaps(recs: list[Rec], planted: list[tuple[Rec, Rec, str]]) -> list[tuple[Rec, Rec, str]]:
    """Pairs the random draw made duplicates by the definition (one host, one subject, same or adjacent
    type families) without planting them: labelled too, so that reporting them is not scored as a false
    positive."""
    seen = {frozenset((id(a), id(b))) for a, b, _ in planted}
    groups: dict[tuple[str, str], list[Rec]] = {}
    for r in recs:
        groups.setdefault((r.host, core(r.field)), []).append(r)
    out: list[tuple[Rec, Rec, str]] = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if frozenset((id(a), id(b))) in seen:
                    continue
                hit = overlap_kind(a, b)
                if hit is not None:
                    # one subject under other qualifiers (智能X工艺 / X): whether that "substantially"
                    # overlaps is a judgement, so it is labelled apart (weak_overlap: neither a miss
                    # when unreported nor a false positive when reported)
                    out.append(hit if a.field == b.field else (hit[0], hit[1], "weak_overlap"))
    return out
