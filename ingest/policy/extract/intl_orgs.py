"""International organisations named by their field: 联合国教科文组织, 国际可再生能源署, 世界知识产权组织.

An intergovernmental body's Chinese name opens with 联合国 / 国际 / 世界, names its field, and ends in 组织 or 署
(agency); the golds label each as an institution. A generic field (国际科技组织, 国际组织), a coordination
(国际产业与标准组织: a class of bodies) or a verb (国际合作组织: organisations that cooperate) names a kind.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, lcut, pos_table
from ingest.policy.extract.names import is_generic

_INTL = re.compile(rf"(?:联合国|国际|世界)([{CJK}]{{2,8}}?)(?:组织|署)(?![名长理])")
_VERBISH = {"v", "vn", "vd", "a", "ad", "d", "r", "m", "q"}


def intl_orgs(doc: Doc, add: Any) -> None:
    """Add each international organisation named in the body as an institution."""
    text = doc.text
    for m in _INTL.finditer(text, 0, doc.body_end):
        if intl_stem(m.group(1)):
            add(m.start(), m.end(), "institution", "entity.intl_org", 0.6, known=False)


def intl_stem(stem: str) -> bool:
    """Whether the words between 国际 / 世界 / 联合国 and 组织 / 署 name one field (葡萄酒, 教科文, 可再生能源)."""
    if is_generic(stem) or re.search("[与和及、性各]", stem):
        return False
    last = lcut(stem)[-1]  # the field's head word: 可|再生能源 (可 is a modal), not 合作 (a verbal noun)
    return pos_table().get(last, "") not in _VERBISH and not is_generic(last)
