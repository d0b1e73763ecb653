"""详细地址: an address only when it goes down to a 号/栋/单元/室, so 政府信息公开 prose never matches.

The pattern is tried only where the street or estate character meets a number (路12号, 小区5栋), a
start the one dictionary pass finds; the place names before it are then taken from the left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermMatches, words

ROAD_SUFFIXES = "路街巷道弄同里村组"  # 胡同 ends in 同; 3组 is a village group
ESTATE_SUFFIXES = "区园苑庄屯厦场寓城湾坊"  # 小区, 花园, 大厦 …: need a building, unit or room as well
_UNIT = r"(?:号楼|号院|号|栋|幢|座|单元|层|楼|室|户)"
ADDRESS_STARTS = tuple(
    suffix + after
    for suffix in ROAD_SUFFIXES + ESTATE_SUFFIXES
    for after in (*"0123456789", "东段", "西段", "南段", "北段", "中段")
)
_CORE = re.compile(
    r".(?:[东西南北中]段)?"
    rf"(?:[0-9]+(?:[-－—][0-9]+){{2}}|[0-9]+(?:[-－—][0-9]+)?{_UNIT}(?:[0-9A-Za-z]+{_UNIT}|[A-Za-z]座)*)"
)
_SUB_UNIT = re.compile(r"号楼|号院|栋|幢|座|单元|层|楼|室|户|[-－—].*[-－—]")
# Place names and village groups to the left of the core: Han characters, or digits before 组/排/巷/弄.
_LEFT = re.compile(r"(?:[\u4e00-\u9fff]|[0-9]+(?=[组排巷弄号栋]))+\Z")
# Words before an address that are not part of it; the address starts after the last of them.
LEADING_WORDS = words("地址 住址 住所 家住 现住 居住 住在 位于 坐落 户籍 籍贯 地处 现居 寄往 送达")
# After these, 12号 is a document, a line or a plot, not a house number (3号文件, 1号线, 5号地块).
NOT_AFTER_NUMBER = frozenset("文令线地公决通议提批函字机车站台码口窗柜会系标件项案卷表")
SUGGESTION = "详细地址：如为个人住址，公开版本应删除"


def find_addresses(text: str, hits: TermMatches) -> Iterator[ScanFinding]:
    """Detailed addresses (…路12号, …小区5栋2单元301室)."""
    for hit in hits.get(Role.ADDRESS_START, []):
        core = _CORE.match(text, hit.start)
        start = _address_start(text, hit.start) if core else None
        if core and start is not None and _is_address(text, core):
            yield ScanFinding(
                "address", FindingCategory.PRIVACY, start, core.end(), text[start : core.end()], SUGGESTION
            )


def _address_start(text: str, suffix: int) -> int | None:
    """Where the place names before the street or estate character begin, or None if there are none."""
    window_start = max(0, suffix - 30)
    left = _LEFT.search(text, window_start, suffix + 1)
    if left is None:
        return None
    start = left.start()
    for word in LEADING_WORDS:
        found = text.rfind(word, start, suffix)
        if found != -1:
            start = max(start, found + len(word))
    return start if suffix - start >= 1 else None


def _is_address(text: str, core: re.Match[str]) -> bool:
    if core.end() < len(text) and text[core.end() - 1] == "号" and text[core.end()] in NOT_AFTER_NUMBER:
        return False
    return core.group()[0] in ROAD_SUFFIXES or bool(_SUB_UNIT.search(core.group(), 1))
