"""去标识化: the public version of a text or file, with personal data removed or masked.

Removed passages are marked ``［已删除：身份证号］`` (full-width brackets, the label of what was
there), so a reader of a 删减后公开 version sees that and what something was taken out (条例 Art. 37).
Names become surname + 某 (法释〔2016〕19号); phone numbers, e-mail addresses and plates keep their
ends and lose their middle; ID numbers are removed, or with ``id_mode="mask"`` lose digits 7–14 (the
birth date). In 惩戒公示 / 行政处罚决定 the named party (当事人, 被处罚人 …) keeps its name, but still
loses ID number, phone, address and account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import docx

from models.enums import FindingCategory
from models.errors import InvalidInput
from models.settings import get_settings
from tasks.docx_editing import replace_spans
from tasks.reading import read_document
from tasks.scanning import ScanFinding, scan_text
from tasks.scanning.names import COMPOUND_SURNAMES, NAMED_PARTY_CUES

IdMode = Literal["remove", "mask"]
REMOVED_LABELS = {
    "id_number": "身份证号",
    "bank_card": "银行账号",
    "address": "详细地址",
    "secret_keyword": "涉密内容",
    "secret_mark": "涉密标志",
}
MASK = "*"
# Documents whose purpose is to name the party (惩戒公示, 行政处罚决定), recognised by their title.
NAMED_PARTY_TITLES = ("行政处罚决定", "处罚决定书", "惩戒", "失信被执行人", "黑名单")


@dataclass(frozen=True)
class RedactionChange:
    """One replacement: what stood at ``start:end`` of the original text, and what replaced it."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class RedactionResult:
    """The public version of a text and every change made to it."""

    text: str
    changes: list[RedactionChange]


def removed_marker(kind: str) -> str:
    """The visible marker left where a passage was removed."""
    label = REMOVED_LABELS.get(kind)
    return f"［已删除：{label}］" if label else "［已删除］"


def is_named_party_document(title: str) -> bool:
    """惩戒公示 / 行政处罚决定, where the named party's name is published on purpose."""
    return any(word in title for word in NAMED_PARTY_TITLES)


def redact_text(
    text: str,
    *,
    findings: Iterable[ScanFinding] | None = None,
    named_party_category: bool = False,
    id_mode: IdMode | None = None,
) -> RedactionResult:
    """The public version of ``text``; without ``findings`` every privacy finding of a scan is applied."""
    chosen = (
        findings
        if findings is not None
        else (f for f in scan_text(text) if f.category == FindingCategory.PRIVACY)
    )
    mode = id_mode or get_settings().id_number_redaction
    changes = [
        RedactionChange(f.kind, f.start, f.end, f.text, replacement(f, mode))
        for f in _without_overlaps(chosen)
        if not (named_party_category and f.kind == "person_name" and _is_named_party(text, f.start))
    ]
    return RedactionResult(apply_changes(text, changes), changes)


def _without_overlaps(findings: Iterable[ScanFinding]) -> list[ScanFinding]:
    """Findings sorted by start; of findings given that overlap (a name inside a removed secret passage),
    the one starting first, then the longest, is applied."""
    kept: list[ScanFinding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.start - f.end)):
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def apply_changes(text: str, changes: list[RedactionChange]) -> str:
    """``text`` with each change applied; changes are sorted and do not overlap."""
    parts, position = [], 0
    for change in changes:
        parts += [text[position : change.start], change.replacement]
        position = change.end
    return "".join(parts) + text[position:]


def replacement(finding: ScanFinding, id_mode: IdMode) -> str:
    """What replaces one finding in the public version."""
    value = finding.text
    if finding.kind == "person_name":
        return (value[:2] if value[:2] in COMPOUND_SURNAMES else value[0]) + "某"
    if finding.kind == "id_number" and id_mode == "mask":
        birth_date = slice(6, 14) if len(value) == 18 else slice(6, 12)
        return (
            value[: birth_date.start] + MASK * (birth_date.stop - birth_date.start) + value[birth_date.stop :]
        )
    if finding.kind == "mobile":
        return _mask_digits(value, keep_first=len(_digits(value)) - 8, keep_last=4)
    if finding.kind == "landline":
        return _mask_landline(value)
    if finding.kind == "email":
        local, _, domain = value.partition("@")
        return f"{local[0]}{MASK * 3}@{domain}"
    if finding.kind == "plate":
        return value[:2] + "".join(MASK if c.isalnum() else c for c in value[2:-1]) + value[-1]
    return removed_marker(finding.kind)


def _mask_landline(value: str) -> str:
    """Keep the area code and the first and last two digits of the local number."""
    digits = _digits(value)
    area = 3 if digits.startswith(("010", "02")) else 4
    return _mask_digits(value, keep_first=area + 2, keep_last=2)


def _mask_digits(value: str, *, keep_first: int, keep_last: int) -> str:
    """Mask every digit except the first ``keep_first`` and the last ``keep_last``; separators stay."""
    total, seen, out = len(_digits(value)), 0, []
    for character in value:
        if character.isdigit():
            seen += 1
            hide = keep_first < seen <= total - keep_last
            out.append(MASK if hide else character)
        else:
            out.append(character)
    return "".join(out)


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def _is_named_party(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a named-party cue (当事人：张三)."""
    before = text[max(0, start - 8) : start].rstrip("：: \t\u3000")
    return before.endswith(NAMED_PARTY_CUES)


def redact_file(
    source: Path,
    destination: Path,
    *,
    named_party_category: bool = False,
    id_mode: IdMode | None = None,
) -> RedactionResult:
    """Write the public version of a .docx, .txt or .md file in the same format; returns what changed."""
    document = read_document(source)
    result = redact_text(document.text, named_party_category=named_party_category, id_mode=id_mode)
    try:
        if document.format == "docx":
            word = docx.Document(str(source))
            replace_spans(word, [(c.start, c.end, c.replacement) for c in result.changes])
            word.save(str(destination))
        else:
            newline = "\r\n" if b"\r\n" in source.read_bytes() else "\n"
            destination.write_bytes(result.text.replace("\n", newline).encode(document.encoding))
    except OSError as exc:
        raise InvalidInput(
            f"cannot write {destination}: {exc.strerror or exc}", "Check the --out path."
        ) from None
    return result
