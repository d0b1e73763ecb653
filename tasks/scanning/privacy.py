"""个人信息: ID numbers, phone numbers, bank cards, e-mail addresses and vehicle plates.

Numbers are found in two steps: a cheap pattern finds runs of digits and separators, then the exact
pattern runs inside each run only, so a 10 MB document costs one fast pass. Public service numbers
(12345, 12315, 96128 …) and ordinary figures (5580项, 2024年) are too short to match any kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermHit, TermMatches, words

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
ID_CHECK_CHARACTERS = "10X98765432"
# 省级行政区划代码 (GB/T 2260) and the 港澳台居民居住证 prefixes 81/82/83.
PROVINCE_CODES = frozenset(
    words(
        "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83"
    )
)
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O on plates
PLATE_STARTS = tuple(province + letter for province in PLATE_PROVINCES for letter in PLATE_LETTERS)

_NUMBER_RUN = re.compile(r"[0-9][0-9 ()（）+\-－—]{5,28}[0-9Xx]")
_AREA_CODE = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
# One digit run is one kind: a long run is an ID number or a bank card (decided by their checks),
# 1[3-9]… is a mobile, and a run with an area code is a landline.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z+])(?:"
    r"(?P<long>[0-9]{17}[0-9Xx]|[0-9]{15,19}|[1-9][0-9]{3}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)"
    r"|(?P<mobile>(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2})"
    rf"|(?P<landline>(?:[(（]{_AREA_CODE}[)）][ -]?|{_AREA_CODE}[ \-－—]?)[2-9][0-9]{{2,3}}[ -]?[0-9]{{4}})"
    r")(?![0-9A-Za-z])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,}")
_PLATE = re.compile(r"..[·• ]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

SUGGESTIONS = {
    "id_number": "身份证号属于个人信息，公开版本应删除（或按设置隐去第7至14位）",
    "bank_card": "银行卡号属于敏感个人信息（金融账户），公开版本应删除",
    "mobile": "手机号码属于个人信息，公开版本应隐去中间4位",
    "landline": "固定电话：如为个人电话，公开版本应隐去中间数字；机关公开的办公电话可保留",
    "email": "电子邮箱：如为个人邮箱，公开版本应隐去",
    "plate": "车牌号码属于个人信息，公开版本应隐去",
}


def find_numbers_and_contacts(text: str, hits: TermMatches) -> list[ScanFinding]:
    """ID numbers, bank cards, phone numbers, e-mail addresses and plates in ``text``."""
    # Full-width digits (１３８…) map one-to-one onto ASCII, so offsets stay valid; translating is slow,
    # so only texts that contain any pay for it.
    digits = text.translate(_FULL_WIDTH_DIGITS) if any(d in text for d in "０１２３４５６７８９") else text
    findings = [finding for run in _NUMBER_RUN.finditer(digits) for finding in _numbers_in(text, digits, run)]
    findings.extend(_emails(text))
    findings.extend(_plates(text, digits, hits.get(Role.PLATE_START, [])))
    return findings


def _numbers_in(text: str, digits: str, run: re.Match[str]) -> Iterator[ScanFinding]:
    # Widen the window so the exact pattern sees the characters around it (+86, brackets, boundaries).
    for match in _NUMBER.finditer(digits, max(0, run.start() - 4), run.end() + 2):
        kind = _number_kind(match)
        if kind:
            yield _finding(kind, text, match)


def _number_kind(match: re.Match[str]) -> str | None:
    """A bank card that is really an ID number is only an ID number."""
    if match.lastgroup != "long":
        return match.lastgroup
    if is_id_number(match.group()):
        return "id_number"
    return "bank_card" if is_bank_card(match.group()) else None


def _emails(text: str) -> Iterator[ScanFinding]:
    at = text.find("@")
    while at != -1:
        for match in _EMAIL.finditer(text, max(0, at - 64), at + 256):
            if match.start() < at < match.end():
                yield _finding("email", text, match)
        at = text.find("@", at + 1)


def _plates(text: str, digits: str, starts: list[TermHit]) -> Iterator[ScanFinding]:
    for start in starts:
        match = _PLATE.match(digits, start.start)
        if match and sum(c.isdigit() for c in match.group()) >= 3:  # 京ABCDE is a word, not a plate
            yield _finding("plate", text, match)


def _finding(kind: str, text: str, match: re.Match[str]) -> ScanFinding:
    start, end = match.span()
    return ScanFinding(kind, FindingCategory.PRIVACY, start, end, text[start:end], SUGGESTIONS[kind])


def id_check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of a resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def is_id_number(candidate: str) -> bool:
    """A resident ID number: 18 digits with a valid check character, or an old 15-digit one; a real birth date."""
    if candidate[:2] not in PROVINCE_CODES:
        return False
    if len(candidate) == 18:
        return (
            candidate[:17].isdigit()
            and candidate[17].upper() == id_check_character(candidate[:17])
            and _is_birth_date(candidate[6:14])
        )
    return len(candidate) == 15 and candidate.isdigit() and _is_birth_date("19" + candidate[6:12])


def _is_birth_date(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check every bank card number passes."""
    if not number.isdigit():
        return False
    total = 0
    for position, digit in enumerate(int(c) for c in reversed(number)):
        doubled = digit * 2 if position % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def is_bank_card(candidate: str) -> bool:
    """16–19 digits passing Luhn that are not a resident ID number (and not one digit repeated)."""
    number = candidate.replace(" ", "").replace("-", "")
    return (
        16 <= len(number) <= 19
        and len(set(number)) > 1
        and luhn_valid(number)
        and not (len(number) == 18 and is_id_number(number))
    )
