"""Where a platform is, at city level, when the list says only the province (dedup 1.4).

National lists give a province (安徽省), rarely a city; two hosts of one city in a province (淮南:
淮南矿业集团 and 安徽理工大学) are then no link. The city is read from, in order: the region itself when
it is a municipality (北京市: province and city at once); the row's own city column; the host, when it
is (or starts with the name of) a university of the MoE list, which gives its city; else a
prefecture-level place named inside the host's name (中国科学院大连化学物理研究所 → 大连市), kept only
when it lies in the row's province (a 北京 institute's branch named after another city stays unknown).
"""

from __future__ import annotations

from functools import lru_cache

from app.derive.dedup.subject import STATION_KINDS, name_site, platform_kind, subject_of
from app.text.gazetteer import find_regions, locate, province_of, region_by_name, university_by_name

# Municipalities (直辖市): province-level regions that are cities.
_MUNICIPAL_SUFFIX = "市"


def is_municipality(region: str | None) -> bool:
    """北京市 / 天津市 / 上海市 / 重庆市 (a province-level name ending in 市)."""
    r = region_by_name(region) if region else None
    return r is not None and r.level == "province" and r.name.endswith(_MUNICIPAL_SUFFIX)


@lru_cache(maxsize=200_000)
def university_city(host: str) -> str | None:
    """The city of a university of the MoE list, or of an institution whose name starts with one
    (中山大学附属第一医院 → 广州市, not 中山市).

    >>> university_city("安徽理工大学"), university_city("中山大学附属第一医院"), university_city("某某研究所")
    ('淮南市', '广州市', None)
    """
    for end in range(len(host), 3, -1):
        uni = university_by_name(host[:end])
        if uni is not None and uni.city:
            return uni.city
    return None


@lru_cache(maxsize=200_000)
def host_city(host: str | None, province: str | None) -> str | None:
    """The city a host's name places it in: a university's city, else the first prefecture-level place
    named inside the name that lies in ``province`` (when the province is known).

    >>> host_city("淮南矿业(集团)有限责任公司", "安徽省"), host_city("中国科学院大连化学物理研究所", "辽宁省")
    ('淮南市', '大连市')
    >>> host_city("中国科学院大连化学物理研究所", "北京市"), host_city("中国热带农业科学院", "海南省")
    (None, None)
    """
    if not host:
        return None
    uni = university_city(host)
    if uni is not None:
        return uni
    prov = region_by_name(province) if province else None
    for _, _, region in find_regions(host):
        if region.level != "city":
            continue
        if prov is None or province_of(region).code == prov.province_code:
            return region.name
        return None  # a place of another province: the name does not say where this host is
    return None


@lru_cache(maxsize=200_000)
def site_city(name: str, field: str, type_: str | None) -> str | None:
    """1.6: the prefecture-level city of a station's site (a station is its site, not its host's
    city): the MoA site word (农业环境封丘 → 封丘 → 新乡市), else the shortest prefix of a MOST / MOE
    station's field, or the place word its name puts before the field, that the gazetteer locates.
    None for other platforms and for sites the gazetteer does not know (塞罕坝).

    >>> site_city("国家农业科学农业环境沈阳观测实验站", "农业环境沈阳", None)
    '沈阳市'
    >>> site_city("地震动力学国家重点实验室", "地震动力学", "重点实验室") is None
    True
    """
    kind = platform_kind(name, type_)
    if kind not in STATION_KINDS:
        return None
    subj = subject_of(field, kind)
    named = name_site(name, field)
    for site in sorted(subj.sites | ({named} if named else set()), key=len):
        place = locate(site)
        if place is not None and place.city is not None:
            return place.city.name
    return None


def town_of(host: str | None, region: str | None, city: str | None, site: str | None = None) -> str | None:
    """The city of a platform for the one-city link: (1.6) a station's site city (``site_city``), the
    municipality, the row's city, the host's city.

    >>> town_of("清华大学", "北京市", None), town_of("安徽理工大学", "安徽省", None)
    ('北京市', '淮南市')
    >>> town_of("某研究院", "安徽省", "合肥市"), town_of("某研究院", "安徽省", None)
    ('合肥市', None)
    """
    if site:
        return site
    r = region_by_name(region) if region else None
    if r is not None and (r.level == "city" or is_municipality(r.name)):
        return r.name  # a municipality, or a region cell that already names the city
    if city:
        return city
    return host_city(host, region)
