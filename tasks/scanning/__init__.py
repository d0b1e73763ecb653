"""Automated review scans: 个人信息 (privacy), 保密 (secrecy), 错敏词 (wording) and 公文格式 (format).

``scan_text`` runs every scanner over a text and returns the findings sorted by where they start;
findings of one review that overlap are resolved (an ID number that also passes Luhn is only an
``id_number``). Offsets are character offsets into the text given — for a file, into
``read_document(path).text``.
"""

from __future__ import annotations

from pathlib import Path

from tasks.reading import ExtractedDocument, read_document
from tasks.scanning.addresses import find_addresses
from tasks.scanning.findings import ScanFinding, line_number, resolve_overlaps
from tasks.scanning.formats import find_format_errors
from tasks.scanning.names import find_person_names
from tasks.scanning.privacy import find_numbers_and_contacts
from tasks.scanning.rules import ScanRules, default_rules, load_rules
from tasks.scanning.secrecy import find_secret_keywords, find_secret_marks
from tasks.scanning.wording import find_wrong_words

__all__ = [
    "ScanFinding",
    "ScanRules",
    "default_rules",
    "line_number",
    "load_rules",
    "scan_document",
    "scan_text",
]


def scan_text(text: str, rules: ScanRules | None = None) -> list[ScanFinding]:
    """Every finding in ``text``, sorted by start."""
    rules = rules or default_rules()
    hits = rules.match(text)
    return resolve_overlaps(
        [
            *find_numbers_and_contacts(text, hits),
            *find_addresses(text, hits),
            *find_person_names(text, hits),
            *find_secret_marks(text, hits),
            *find_secret_keywords(text, hits),
            *find_wrong_words(text, hits, rules.corrections),
            *find_format_errors(text, hits),
        ]
    )


def scan_document(path: Path, rules: ScanRules | None = None) -> tuple[ExtractedDocument, list[ScanFinding]]:
    """Read a .docx, .txt or .md file and scan its text."""
    document = read_document(path)
    return document, scan_text(document.text, rules)
