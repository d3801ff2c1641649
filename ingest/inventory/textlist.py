"""Numbered lists inside a notice, as a table.

Two layouts are read:
  * numbered lines with bracketed attributes: ``1. 辽宁省XX重点实验室（依托单位：XX大学）``, ``2、XX中心(XX大学)``
  * a header line then whitespace-separated columns: ``序号 名称 依托单位`` / ``1 XX重点实验室 XX大学 沈阳``

When a line carries no separator between name and host (``XX重点实验室东北大学``), the domain dictionary
splits it: the name ends at a platform-type suffix (app.text.taxonomy), a trailing admin division
(app.text.gazetteer) is the region, the rest is the host.
"""

from __future__ import annotations

import re
from functools import cache

from app.text.gazetteer import region_by_name
from app.text.taxonomy import by_name
from ingest.inventory.headers import PLATFORM, canonical_of, header_score
from ingest.inventory.readers import RawTable

COLUMNS = ["序号", "名称", "依托单位", "共建单位", "所在地", "领域", "批准年份", "级别", "类型", "状态"]
_CANON_COL = {
    "seq": 0,
    "name": 1,
    "host": 2,
    "co_builders": 3,
    "region": 4,
    "field": 5,
    "year": 6,
    "level": 7,
    "type": 8,
    "status": 9,
}
_NUMBERED = re.compile(r"^\s*[(（]?(\d{1,6})[)）]?\s*[.、．,，:：]\s*(\S.*)$")
_SPACED = re.compile(r"^\s*(\d{1,6})\s+(\S.*)$")
_BRACKET = re.compile(r"[（(]([^（()）]*)[)）]")
_HOST_WORDS = ("大学", "学院", "研究院", "研究所", "科学院", "公司", "集团", "医院", "中心", "协会", "学会")
_HOSTISH = re.compile(r"(?:大学|学院|研究院|研究所|科学院|公司|集团|医院|中心|协会|学会)$")
_TYPE_END = re.compile(r"(?:实验室|中心|研究院|机构|基地|平台|孵化器|空间|天地|科技园|站|库|市场|联盟)")


@cache
def _type_suffixes() -> tuple[str, ...]:
    return tuple(sorted(by_name(), key=len, reverse=True))


def parse_text(text: str) -> RawTable | None:
    """A RawTable (synthetic header at row 0, then one row per list item) or None if no list found."""
    lines = text.splitlines()
    table = RawTable("text", [(0, list(COLUMNS))])
    header_cols: list[str] | None = None
    for line_no, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        tokens = stripped.split()
        if header_cols is None and len(tokens) >= 2 and header_score(tokens) >= 2:
            header_cols = tokens
            continue
        if header_cols is not None and (m := _SPACED.match(stripped) or _NUMBERED.match(stripped)):
            table.rows.append((line_no, _spaced_row(m.group(1), m.group(2), header_cols)))
            continue
        m = _NUMBERED.match(stripped)
        if m is not None:
            table.rows.append((line_no, _numbered_row(m.group(1), m.group(2))))
    return table if len(table.rows) > 1 else None


def _empty(seq: str) -> list[str]:
    cells = [""] * len(COLUMNS)
    cells[0] = seq
    return cells


def _put(cells: list[str], canon: str | None, value: str) -> bool:
    if canon is None or canon not in _CANON_COL or not value:
        return False
    i = _CANON_COL[canon]
    cells[i] = f"{cells[i]}、{value}" if cells[i] and canon in ("host", "co_builders") else value
    return True


def _numbered_row(seq: str, rest: str) -> list[str]:
    cells = _empty(seq)
    # Bracketed attributes at the end of the item: （依托单位：XX大学；共建单位：YY） or a bare （XX大学）.
    while (m := _last_bracket(rest)) is not None:
        inner = m.group(1).strip()
        consumed = False
        for part in re.split(r"[；;]", inner):
            key, sep, value = part.replace("：", ":").partition(":")
            if sep:
                consumed |= _put(cells, canonical_of(key, PLATFORM), value.strip())
        if not consumed and _HOSTISH.search(inner):
            consumed = _put(cells, "host", inner)
        if not consumed:
            break
        rest = rest[: m.start()].rstrip()
    _fill_columns(cells, rest.split())
    return cells


def _last_bracket(text: str) -> re.Match[str] | None:
    last = None
    for m in _BRACKET.finditer(text):
        last = m
    return last if last is not None and last.end() == len(text) else None


def _spaced_row(seq: str, rest: str, header: list[str]) -> list[str]:
    tokens = rest.split()
    cells = _empty(seq)
    canon = [canonical_of(h, PLATFORM) for h in header]
    if canon and canon[0] == "seq":
        canon = canon[1:]
    if len(tokens) == len(canon):
        for c, tok in zip(canon, tokens, strict=True):
            _put(cells, c, tok)
        return cells
    _fill_columns(cells, tokens)
    return cells


def _fill_columns(cells: list[str], tokens: list[str]) -> None:
    """Name first, then hosts; a token that is an admin division is the region."""
    if not tokens:
        return
    name, *others = tokens
    if not others:
        name, host, region = split_run(name)
        _put(cells, "host", host)
        _put(cells, "region", region)
    cells[1] = name
    for tok in others:
        if region_by_name(tok) is not None and not cells[4]:
            cells[4] = tok
        else:
            _put(cells, "host", tok)


def split_run(run: str) -> tuple[str, str, str]:
    """XX重点实验室东北大学沈阳市 → (XX重点实验室, 东北大学, 沈阳市) by the domain dictionary.

    Linear in the run: per type ending it compares suffixes in place (no slices of the run, no `…$` search
    over the tail); the region candidates at the run's end are looked up once. 1 MB of names took minutes."""
    suffixes = _type_suffixes()
    n = len(run)
    regions = {k: region_by_name(run[n - k :]) is not None for k in range(2, min(n, 8) + 1)}
    for m in _TYPE_END.finditer(run):
        end = m.end()
        if end < 4 or end >= n:
            continue
        if not run.endswith(suffixes, 0, end):
            continue
        region, stop = "", n
        for k in range(min(n - end, 8), 1, -1):
            if regions[k] and n - end > k:
                region, stop = run[n - k :], n - k
                break
        if _hostish(run, end, stop):
            return run[:end], run[end:stop], region
    return run, "", ""


def _hostish(run: str, start: int, stop: int) -> bool:
    """_HOSTISH.search(run[start:stop]) without the slice: a host word at its end (or before a final newline)."""
    if stop > start and run[stop - 1] == "\n" and run.endswith(_HOST_WORDS, start, stop - 1):
        return True
    return run.endswith(_HOST_WORDS, start, stop)
