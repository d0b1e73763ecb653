"""公文格式 (GB/T 9704-2012, regulations.md §5): 发文字号 and 成文日期 written the standard way.

发文字号 = 机关代字〔YYYY〕N号: hexagonal brackets, the full year, no 第, no leading zero.
成文日期 = 2025年1月5日: Arabic numerals, full year, month and day not zero-padded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermHit, TermMatches

_CHINESE_DIGITS = "〇零○Ｏ一二三四五六七八九"
_DIGIT_VALUES = {c: "0" for c in "〇零○Ｏ"} | {c: str(i) for i, c in enumerate("一二三四五六七八九", start=1)}
_OPENING = "〔[［【（(﹝〈{｛"
DOC_NUMBER_STARTS = tuple(
    bracket + year
    for bracket in _OPENING
    for year in (*(f"{n:02d}" for n in range(100)), "一九", "二〇", "二零", "二○", "二Ｏ")
)
# A bracketed year followed by a number and 号; the organ code (a Han character) must precede it.
_DOC_NUMBER = re.compile(
    rf".(?P<year>[0-9]{{2,4}}|[{_CHINESE_DIGITS}]{{2,4}})[〕\]］】）)﹞〉}}｝]"
    r"(?P<ordinal>第)?(?P<number>[0-9]+)号"
)
_CORRECT_DOC_NUMBER = re.compile(r"〔[0-9]{4}〕[1-9][0-9]*号")
# A line that is nothing but a date is where a 成文日期 stands.
_DATE_LINE_END = re.compile(r"日[ \t\u3000*_]*$", re.MULTILINE)
_NUMERAL = rf"[0-9０-９{_CHINESE_DIGITS}十]"
_DATE_LINE = re.compile(
    rf"[ \t\u3000*_#]*(?P<date>(?P<y>{_NUMERAL}{{4}})年(?P<m>{_NUMERAL}{{1,3}})月(?P<d>{_NUMERAL}{{1,3}})日)"
    r"[ \t\u3000*_]*"
)
_CORRECT_DATE = re.compile(r"[1-9][0-9]{3}年[1-9][0-9]?月[1-9][0-9]?日")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def find_format_errors(text: str, hits: TermMatches) -> Iterator[ScanFinding]:
    """发文字号 and 成文日期 that break GB/T 9704."""
    yield from _doc_numbers(text, hits.get(Role.DOC_NUMBER_START, []))
    yield from _dates(text)


def _doc_numbers(text: str, starts: list[TermHit]) -> Iterator[ScanFinding]:
    for start in starts:
        match = _DOC_NUMBER.match(text, start.start)
        if match is None:
            continue
        organ_code = match.start() > 0 and "\u4e00" <= text[match.start() - 1] <= "\u9fff"
        if organ_code and not _CORRECT_DOC_NUMBER.fullmatch(match.group()):
            year, number = _arabic(match["year"]), match["number"].lstrip("0") or "0"
            right = f"〔{year}〕{number}号"
            yield ScanFinding(
                "doc_number_format",
                FindingCategory.FORMAT,
                *match.span(),
                match.group(),
                f"发文字号应写作“{right}”：年份用六角括号〔〕括入并写全，序号不加“第”、不编虚位"
                if len(year) == 4
                else "发文字号的年份应写全四位并用六角括号〔〕括入，序号不加“第”、不编虚位",
            )


def _dates(text: str) -> Iterator[ScanFinding]:
    for end in _DATE_LINE_END.finditer(text):
        line_start = text.rfind("\n", 0, end.start()) + 1
        line = _DATE_LINE.fullmatch(text, line_start, end.end())
        if line and not _is_correct_date(line["date"]):
            start, stop = line.span("date")
            yield ScanFinding(
                "date_format", FindingCategory.FORMAT, start, stop, line["date"], _date_suggestion(line)
            )


def _is_correct_date(written: str) -> bool:
    return _CORRECT_DATE.fullmatch(written) is not None and _parse(written) is not None


def _date_suggestion(line: re.Match[str]) -> str:
    year, month, day = (_arabic(line[group]) for group in ("y", "m", "d"))
    parsed = _parse(f"{year}年{month}月{day}日")
    if parsed is None:
        return "成文日期不是一个真实的日期，请核对"
    right = f"{parsed.year}年{parsed.month}月{parsed.day}日"
    return f"成文日期应写作“{right}”：用阿拉伯数字，年份写全，月、日不编虚位"


def _parse(written: str) -> date | None:
    parts = re.split("[年月日]", written)
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None


def _arabic(numeral: str) -> str:
    """Arabic digits for a year, month or day in Arabic, full-width or Chinese numerals (二〇二三, 二十八)."""
    numeral = numeral.translate(_FULL_WIDTH)
    if "十" not in numeral:
        return "".join(_DIGIT_VALUES.get(c, c) for c in numeral)
    tens, _, units = numeral.partition("十")
    return str(int(_DIGIT_VALUES.get(tens, "1")) * 10 + int(_DIGIT_VALUES.get(units, "0")))
