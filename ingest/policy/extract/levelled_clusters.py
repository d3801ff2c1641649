"""Industrial clusters a level word designates (国家级产业集群, 自治区级集群, 国家级林业产业集群, 国家级战略性新兴
产业集群): a level word written with 级 before a cluster says the state or the province has designated it, as
国家级 before a lab does; the clusters the lexicon names (先进制造业集群, 中小企业特色产业集群, 优势特色产业集群)
are its type hits already. Without 级 a level word names no designation (国家重大科技基础设施集群 is a group of
facilities). The golds type the surface's own head (dev2b: 自治区级集群 → 产业集群 省级, 国家级林业产业集群;
dev4b: 国家级产业集群)."""

from __future__ import annotations

import re

from ingest.policy.extract.doc import Doc

# the level word, then nothing or a field of industry closed by 产业 (林业产业, 战略性新兴产业), then 集群; a
# field holds no coordinator, level or class word (国家级和省级产业集群: the second level word designates)
_CLUSTER = re.compile(r"(国家级|省级|自治区级|市级)((?:(?:(?![级等的和及与或各类])[\u4e00-\u9fff]){2,7}?)?产业|)集群")
_LEVEL = {"国家级": "国家级", "省级": "省级", "自治区级": "省级", "市级": "市级"}


def levelled_clusters(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, level) of the clusters a level word designates, in the body."""
    out: list[tuple[int, int, str, str]] = []
    for m in _CLUSTER.finditer(doc.text, 0, doc.body_end):
        field = m.group(2)
        out.append((m.start(), m.end(), (field or "产业") + "集群", _LEVEL[m.group(1)]))
    return out
