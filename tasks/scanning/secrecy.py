"""保密审查: 密级 marks and internal-use markers, and hits of the secrecy office's dictionary.

A 密级 word is a mark only where GB/T 9704 puts one — with ★ and a 保密期限, after “密级：”, or alone on
its line — because 国家秘密、商业秘密 in prose describe rules rather than mark the document. Likewise
label-like markers (内部资料) count when set apart, in brackets or on a line of their own, while
instructions (不得外传) count anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermHit, TermMatches, words

SECRET_LEVELS = ("绝密", "机密", "秘密")
MARKERS_ANYWHERE = words("不得外传 严禁外传 请勿外传 注意保存 仅供内部使用 仅限内部使用 仅供内部参考")
MARKERS_SET_APART = words("内部资料 内部使用 工作秘密 内部文件 内部材料 内部参考 内部传阅 内部明电")
SECRET_MARKERS = MARKERS_ANYWHERE + MARKERS_SET_APART

_PERIOD = re.compile(r"[ \t\u3000]*★[ \t\u3000]*(?:[0-9一二三四五六七八九十]+[ \t\u3000]*(?:年|个月)|长期)?")
_LABEL = re.compile(r"密级[ \t\u3000]*[：:][ \t\u3000]*\Z")
_OPENING_BRACKETS = "（(【〔［[「『〈《<"
# What may share a line with a mark: whitespace, punctuation, Markdown emphasis, a 份号.
_MARK_LINE_FILLER = re.compile(r"[\s★·•、，,。.:：；;（）()【】〔〕［］\[\]「」『』〈〉《》<>*#_0-9]*")
SUGGESTION_LEVEL = "标有密级“{mark}”：涉密信息不上网。请确认已依法解密并删去标志，或将公开属性改为“不予公开”"
SUGGESTION_MARKER = (
    "标有内部标志“{mark}”：内部材料不得进入公开流程。请删去标志并确认可以公开，或将公开属性改为“不予公开”"
)


def find_secret_marks(text: str, hits: TermMatches) -> Iterator[ScanFinding]:
    """密级 marks (机密★5年, 密级：秘密) and internal-use markers (内部资料, 不得外传)."""
    for hit in hits.get(Role.SECRET_LEVEL, []):
        span = _level_mark(text, hit)
        if span:
            yield _mark(text, *span, SUGGESTION_LEVEL)
    for hit in hits.get(Role.SECRET_MARKER, []):
        if hit.term in MARKERS_ANYWHERE or _set_apart(text, hit):
            yield _mark(text, hit.start, hit.end, SUGGESTION_MARKER)


def find_secret_keywords(text: str, hits: TermMatches) -> Iterator[ScanFinding]:
    """Every term of the secrecy dictionary found, for the secrecy reviewer to decide."""
    for hit in hits.get(Role.SECRET_KEYWORD, []):
        yield ScanFinding(
            "secret_keyword",
            FindingCategory.SECRECY,
            hit.start,
            hit.end,
            hit.term,
            f"命中保密审查词典“{hit.term}”：请保密审查员确认是否涉密，涉密内容应删除或不予公开",
        )


def _level_mark(text: str, hit: TermHit) -> tuple[int, int] | None:
    period = _PERIOD.match(text, hit.end)
    if period and "★" in period.group():
        return hit.start, period.end()
    label = _LABEL.search(text, max(0, hit.start - 8), hit.start)
    if label:
        return label.start(), hit.end
    return (hit.start, hit.end) if _alone_on_line(text, hit) else None


def _set_apart(text: str, hit: TermHit) -> bool:
    before = text[max(0, hit.start - 4) : hit.start].rstrip(" \t\u3000")
    return (bool(before) and before[-1] in _OPENING_BRACKETS) or _alone_on_line(text, hit)


def _alone_on_line(text: str, hit: TermHit) -> bool:
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    for word in SECRET_LEVELS + SECRET_MARKERS:
        line = line.replace(word, "")
    return _MARK_LINE_FILLER.fullmatch(line) is not None


def _mark(text: str, start: int, end: int, suggestion: str) -> ScanFinding:
    mark = text[start:end]
    return ScanFinding("secret_mark", FindingCategory.SECRECY, start, end, mark, suggestion.format(mark=mark))
