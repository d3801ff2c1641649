"""International organisations named by their field (`intl_orgs`, round x-ents7). Sentences made up from public
knowledge, none taken from a scored text."""

from __future__ import annotations

from ingest.policy.extract.intl_orgs import intl_stem
from tests.unit.policy._extract import entity_kinds


def test_an_intergovernmental_body_named_by_its_field_is_an_institution() -> None:
    got = entity_kinds("我省与世界卫生组织、国际原子能机构合作，承办国际能源署年会。")
    assert got.get("世界卫生组织") == "institution"
    assert got.get("国际能源署") == "institution"


def test_generic_fields_coordinations_and_verbs_name_a_kind() -> None:
    got = entity_kinds("鼓励科研人员在国际科技组织任职，支持加入国际性组织和国际合作组织，对接国际标准与认证组织。")
    assert not any(n.endswith("组织") for n in got)
    assert not intl_stem("科技") and not intl_stem("标准与认证") and not intl_stem("合作")
    assert intl_stem("可再生能源") and intl_stem("葡萄酒")
