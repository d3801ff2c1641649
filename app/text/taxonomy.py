"""The canonical platform taxonomy: category → type, with families, legacy types and aliases.

Categories follow 国科发基〔2017〕250号 (and the provincial 方案 that copy it). A *family* groups types
that can duplicate each other's work (used by duplicate detection as type distance); a *legacy* type is
one the policies order converted or merged (which successor comes from the ingested policies, not from
here). Names are Simplified; the level prefix (国家/省/全国) is not part of a canonical type name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

SCIENCE = "科学与工程研究"
INNOVATION = "技术创新与成果转化"
SUPPORT = "基础支撑与条件保障"
CATEGORIES: tuple[str, ...] = (SCIENCE, INNOVATION, SUPPORT)

NATIONAL = "国家级"
PROVINCIAL = "省级"
MUNICIPAL = "市级"
LEVELS: tuple[str, ...] = (NATIONAL, PROVINCIAL, MUNICIPAL)
UNMAPPED = "未归类平台"  # named like a platform, type not in this taxonomy (app.text.names.unmapped_type)


@dataclass(frozen=True)
class PlatformTypeSpec:
    name: str
    category: str | None
    family: str  # lab | engineering | innovation | clinical | enterprise | support | incubation | zone | cluster
    legacy: bool = False
    aliases: tuple[str, ...] = field(default=())
    default_level: str | None = None  # when the type name itself implies a level (全国重点实验室)

    def props(self) -> dict[str, str | bool | list[str] | None]:
        """The properties of this type's PlatformType node, wherever a pipeline creates it."""
        return {
            "name": self.name,
            "category": self.category,
            "family": self.family,
            "legacy": self.legacy,
            "aliases": list(self.aliases),
            "default_level": self.default_level,
        }


TYPES: tuple[PlatformTypeSpec, ...] = (
    # 科学与工程研究
    PlatformTypeSpec("国家实验室", SCIENCE, "lab", default_level=NATIONAL),
    PlatformTypeSpec("全国重点实验室", SCIENCE, "lab", default_level=NATIONAL),
    PlatformTypeSpec("重点实验室", SCIENCE, "lab", aliases=("重点实验室",)),
    PlatformTypeSpec("学科重点实验室", SCIENCE, "lab"),
    PlatformTypeSpec("企业重点实验室", SCIENCE, "lab"),
    PlatformTypeSpec("省部共建国家重点实验室", SCIENCE, "lab", default_level=NATIONAL),
    PlatformTypeSpec("省实验室", SCIENCE, "lab", default_level=PROVINCIAL),
    PlatformTypeSpec("实验室", SCIENCE, "lab"),
    PlatformTypeSpec("实验室群", SCIENCE, "cluster"),
    PlatformTypeSpec("应用数学中心", SCIENCE, "lab"),
    PlatformTypeSpec("前沿科学中心", SCIENCE, "lab"),
    PlatformTypeSpec("协同创新中心", SCIENCE, "lab"),
    # 技术创新与成果转化
    PlatformTypeSpec("技术创新中心", INNOVATION, "innovation"),
    PlatformTypeSpec("综合性技术创新中心", INNOVATION, "innovation"),
    PlatformTypeSpec("产业共性技术创新中心", INNOVATION, "innovation"),
    PlatformTypeSpec("专业技术创新中心", INNOVATION, "innovation"),
    PlatformTypeSpec("制造业创新中心", INNOVATION, "innovation"),
    PlatformTypeSpec("产业技术创新研究院", INNOVATION, "innovation"),
    PlatformTypeSpec("产业技术研究院", INNOVATION, "innovation"),
    PlatformTypeSpec("新型研发机构", INNOVATION, "innovation"),
    PlatformTypeSpec("研究院", INNOVATION, "innovation"),
    PlatformTypeSpec("工程研究中心", INNOVATION, "engineering", aliases=("工程中心",)),
    PlatformTypeSpec("国家地方联合工程研究中心", INNOVATION, "engineering", default_level=NATIONAL),
    PlatformTypeSpec("工程技术研究中心", INNOVATION, "engineering", legacy=True),
    PlatformTypeSpec("工程实验室", INNOVATION, "engineering", legacy=True),
    PlatformTypeSpec("产业共性技术创新平台", INNOVATION, "innovation", legacy=True),
    PlatformTypeSpec("产业专业技术创新平台", INNOVATION, "innovation", legacy=True),
    PlatformTypeSpec("临床医学研究中心", INNOVATION, "clinical"),
    PlatformTypeSpec("企业技术中心", INNOVATION, "enterprise"),
    PlatformTypeSpec("科技成果中试基地", INNOVATION, "innovation", aliases=("中试基地",)),
    PlatformTypeSpec("技术转移示范机构", INNOVATION, "support", aliases=("技术转移机构", "技术转移中心")),
    PlatformTypeSpec("国际科技合作基地", INNOVATION, "support"),
    PlatformTypeSpec("科技创新合作基地", INNOVATION, "support"),
    PlatformTypeSpec("产业技术创新战略联盟", INNOVATION, "support"),
    # 基础支撑与条件保障
    PlatformTypeSpec("野外科学观测研究站", SUPPORT, "support"),
    PlatformTypeSpec("科学数据中心", SUPPORT, "support"),
    PlatformTypeSpec("生物种质资源库", SUPPORT, "support"),
    PlatformTypeSpec(
        "种质资源库",
        SUPPORT,
        "support",
        aliases=(
            "农作物种质资源库",
            "种质资源中期库",
            "种质资源长期库",
            "种质资源复份库",
            "种质资源试管苗库",
            "农业微生物种质资源库",
            "种质资源保存库",
        ),
    ),
    PlatformTypeSpec("种质资源圃", SUPPORT, "support", aliases=("农作物种质资源圃", "种质圃")),
    PlatformTypeSpec("农业科学观测实验站", SUPPORT, "support", aliases=("观测实验站",)),
    PlatformTypeSpec("科学观测研究站", SUPPORT, "support", aliases=("观测研究站",)),
    PlatformTypeSpec("科技资源共享服务平台", SUPPORT, "support", aliases=("科技创新资源共享服务平台",)),
    PlatformTypeSpec("大型科学仪器共享服务平台", SUPPORT, "support"),
    PlatformTypeSpec("科技大市场", SUPPORT, "support"),
    PlatformTypeSpec("重大科技基础设施", SUPPORT, "support", default_level=NATIONAL),
    PlatformTypeSpec("科技企业孵化器", SUPPORT, "incubation", aliases=("孵化器",)),
    PlatformTypeSpec("众创空间", SUPPORT, "incubation"),
    PlatformTypeSpec("星创天地", SUPPORT, "incubation"),
    PlatformTypeSpec("大学科技园", SUPPORT, "incubation"),
    # A platform by its name (…中心, …基地, …平台) whose type is none of the above: typed, not left blank.
    PlatformTypeSpec(UNMAPPED, None, "other"),
    # Zones: not platforms in the 3-category scheme, but policies set targets for them.
    PlatformTypeSpec("高新技术产业开发区", None, "zone", aliases=("高新区",)),
    PlatformTypeSpec("农业科技园区", None, "zone"),
    PlatformTypeSpec("自主创新示范区", None, "zone"),
)


@cache
def by_name() -> dict[str, PlatformTypeSpec]:
    """Canonical name and every alias → spec."""
    table: dict[str, PlatformTypeSpec] = {}
    for spec in TYPES:
        for name in (spec.name, *spec.aliases):
            table.setdefault(name, spec)
    return table


def canonical_type(name: str) -> PlatformTypeSpec | None:
    return by_name().get(name.strip())


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(by_name(), key=len, reverse=True))


def type_from_name(name: str) -> tuple[str, int] | None:
    """The canonical type of a platform name from its longest type suffix, and where the suffix starts.

    辽宁省先进材料制备技术重点实验室 → ("重点实验室", 11). Longest suffix first, so 工程技术研究中心 is
    not read as 研究中心 and 企业重点实验室 not as 重点实验室.
    """
    name = name.strip()
    for suffix in _suffixes():
        if name.endswith(suffix):
            return by_name()[suffix].name, len(name) - len(suffix)
    return None


_NATIONAL_PREFIXES = ("全国", "国家", "省部共建国家", "国家地方联合")
_PROVINCIAL_PREFIXES = ("省", "自治区", "省部共建", "省市共建", "厅市共建")
_MUNICIPAL_PREFIXES = ("市",)


def level_from_name(name: str, region_hint: str | None = None) -> str | None:
    """国家级 / 省级 / 市级 from a platform name's prefix; a province prefix means provincial, a city
    prefix municipal. ``region_hint`` is the region prefix already cut from the name, if any."""
    name = name.strip()
    if any(name.startswith(p) for p in _NATIONAL_PREFIXES):
        return NATIONAL
    found = type_from_name(name)
    if found is not None:
        spec = by_name()[found[0]]
        if spec.default_level is not None:
            return spec.default_level
    from app.text.gazetteer import region_by_name, region_prefix

    if region_hint is None and (found_prefix := region_prefix(name)) is not None:
        region_hint = found_prefix[0]
    if region_hint is not None:
        region = region_by_name(region_hint)
        if region is not None:
            return PROVINCIAL if region.level == "province" else MUNICIPAL
    if any(name.startswith(p) for p in _PROVINCIAL_PREFIXES):
        return PROVINCIAL
    if any(name.startswith(p) for p in _MUNICIPAL_PREFIXES):
        return MUNICIPAL
    return None
