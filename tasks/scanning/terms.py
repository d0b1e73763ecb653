"""Dictionary terms found in one Aho-Corasick pass, grouped by the role each term plays."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple


class Role(StrEnum):
    """What a dictionary term means to the scanners."""

    SECRET_KEYWORD = "secret_keyword"  # the secrecy office's dictionary
    SECRET_LEVEL = "secret_level"  # 绝密 / 机密 / 秘密, a mark only in a 密级 position
    SECRET_MARKER = "secret_marker"  # 内部资料, 不得外传 …
    WRONG_WORD = "wrong_word"  # wrong → right dictionary (an entry equal to its correction protects a phrase)
    NAME_CUE_BEFORE = "name_cue_before"  # 联系人, 经办人 … a name follows
    NAME_CUE_AFTER = "name_cue_after"  # 同志, 先生, 女士: a name precedes
    # Literal starts of patterns, so those scanners look only where one begins instead of
    # running a regex over the whole text (each such pass costs ~20 ms per 10 MB).
    PLATE_START = "plate_start"  # 鲁A …
    ADDRESS_START = "address_start"  # 路1 …, 路东段 …
    DOC_NUMBER_START = "doc_number_start"  # 〔20 …, (20 …


class TermHit(NamedTuple):
    """One occurrence of a term; offsets index the scanned text."""

    start: int
    end: int
    term: str


TermMatches = Mapping[Role, list[TermHit]]


def words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``: a long word list reads best as one string."""
    return tuple(text.split())


def leftmost_longest(hits: Iterable[TermHit]) -> list[TermHit]:
    """Non-overlapping hits, preferring the leftmost and then the longest, as a reader would."""
    chosen: list[TermHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
    return chosen
