"""检查发现: what a scanner found, where, and what to do about it; overlaps resolved per review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from models.enums import FindingCategory

# When two findings of one review overlap, the earlier kind here wins: an 18-digit number that is a
# valid ID number and also passes Luhn is an id_number, never a bank_card.
KIND_PRIORITY = (
    "id_number",
    "bank_card",
    "mobile",
    "landline",
    "email",
    "plate",
    "address",
    "person_name",
    "secret_mark",
    "secret_keyword",
    "wrong_word",
    "doc_number_format",
    "date_format",
)
_RANK = {kind: rank for rank, kind in enumerate(KIND_PRIORITY)}


@dataclass(frozen=True)
class ScanFinding:
    """One finding; ``start``/``end`` are character offsets into the scanned text."""

    kind: str
    category: FindingCategory
    start: int
    end: int
    text: str
    suggestion: str

    def to_json(self) -> dict[str, Any]:
        """The finding as the CLI and the findings table show it."""
        return {
            "kind": self.kind,
            "category": str(self.category),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
        }


def resolve_overlaps(findings: Iterable[ScanFinding]) -> list[ScanFinding]:
    """Sort by start; where findings of one category overlap keep the higher-priority, then longer one."""
    by_category: dict[FindingCategory, list[ScanFinding]] = defaultdict(list)
    for finding in sorted(findings, key=attrgetter("start")):
        by_category[finding.category].append(finding)
    kept = [best for group in by_category.values() for cluster in _clusters(group) for best in _best(cluster)]
    return sorted(kept, key=lambda f: (f.start, f.end, _rank(f)))


def _clusters(group: list[ScanFinding]) -> Iterator[list[ScanFinding]]:
    """Runs of findings (sorted by start) chained together by overlaps; almost always one finding."""
    cluster: list[ScanFinding] = []
    reach = -1
    for finding in group:
        if cluster and finding.start >= reach:
            yield cluster
            cluster = []
        cluster.append(finding)
        reach = max(reach, finding.end)
    if cluster:
        yield cluster


def _best(cluster: list[ScanFinding]) -> list[ScanFinding]:
    if len(cluster) == 1:
        return cluster
    kept: list[ScanFinding] = []
    for finding in sorted(cluster, key=lambda f: (_rank(f), f.start - f.end, f.start)):
        if all(finding.end <= other.start or other.end <= finding.start for other in kept):
            kept.append(finding)
    return kept


def _rank(finding: ScanFinding) -> int:
    return _RANK.get(finding.kind, len(_RANK))


def line_number(text: str, offset: int) -> int:
    """The 1-based line an offset falls on, as a clerk counts lines."""
    return text.count("\n", 0, offset) + 1
