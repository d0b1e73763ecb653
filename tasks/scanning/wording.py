"""错敏词: wrong → right dictionary hits (abolished institution names, misspelt standard terms)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermMatches

# “原国家工商行政管理总局” is the correct way to name an abolished body when citing its old documents.
HISTORICAL_PREFIX = "原"


def find_wrong_words(text: str, hits: TermMatches, corrections: Mapping[str, str]) -> Iterator[ScanFinding]:
    """Dictionary entries found in the text, each with its correction."""
    for hit in hits.get(Role.WRONG_WORD, []):
        right = corrections[hit.term]
        if right == hit.term or text[hit.start - 1 : hit.start] == HISTORICAL_PREFIX:
            continue  # an entry equal to its correction protects a longer correct phrase (农业部门)
        yield ScanFinding(
            "wrong_word", FindingCategory.WORDING, hit.start, hit.end, hit.term, f"应为“{right}”"
        )
