"""政策解读 content rules: which required elements its headings cover, and whether it copies the policy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from models.settings import get_settings

# Heading words that count for each element (甘肃/嘉兴/广州 practice, regulations.md §3). An element
# configured without an entry here is recognised by its own name.
ELEMENT_HEADINGS = {
    "背景依据": ("背景", "依据"),
    "目标任务": ("目标", "任务"),
    "主要内容": ("主要内容", "核心内容", "重点内容", "主要措施", "主要条款", "内容要点", "政策要点"),
    "涉及范围": ("范围", "适用对象", "对象"),
    "执行标准": ("标准", "执行要求"),
    "注意事项": ("注意",),
    "关键词诠释": ("关键词", "名词解释", "术语", "诠释", "释义"),
    "惠民利民举措": ("惠民", "利民", "惠企", "便民"),
    "新旧政策差异": ("新旧", "差异", "变化", "对比", "区别"),
}
_ORDINAL = re.compile(
    r"(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．)）])\s*"
)
_TITLE_END = re.compile(r"[。：:；;！!？?]")
HEADING_MAX_CHARS = 30
# Sentences shorter than this (headings, 问：/答：) are too short to call copied.
MIN_SENTENCE_CHARS = 12
SHINGLE = 5  # characters per shingle when comparing an interpretation sentence with the policy
COPIED_OVERLAP = 0.8  # share of a sentence's shingles found in the policy for it to count as copied
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_NOT_WORD = re.compile(r"[^\w]|_")


def headings(text: str) -> Iterator[str]:
    """The heading texts of an interpretation: Markdown headings, numbered titles, short unpunctuated lines."""
    for raw in text.splitlines():
        line = raw.strip().lstrip("#").strip().strip("*").strip()
        numbered = _ORDINAL.match(line)
        if numbered:
            yield _TITLE_END.split(line[numbered.end() :], maxsplit=1)[0]
        elif raw.lstrip().startswith("#") or (
            0 < len(line) <= HEADING_MAX_CHARS and not _TITLE_END.search(line[-1])
        ):
            yield line


def interpretation_elements(text: str, required: list[str] | None = None) -> list[str]:
    """The required elements (in configured order) that the interpretation's headings cover."""
    titles = list(headings(text))
    elements = required if required is not None else get_settings().interpretation_required_elements
    return [
        element
        for element in elements
        if any(word in title for title in titles for word in ELEMENT_HEADINGS.get(element, (element,)))
    ]


def missing_elements(text: str, required: list[str] | None = None) -> list[str]:
    """The required elements the interpretation's headings do not cover."""
    elements = required if required is not None else get_settings().interpretation_required_elements
    found = set(interpretation_elements(text, elements))
    return [element for element in elements if element not in found]


def excerpt_share(policy_text: str, interpretation_text: str) -> float:
    """The share of the interpretation's sentences copied from the policy (0.0 when it has none to judge)."""
    copied, total = excerpt_counts(policy_text, interpretation_text)
    return copied / total if total else 0.0


def excerpt_counts(policy_text: str, interpretation_text: str) -> tuple[int, int]:
    """(sentences copied from the policy, sentences long enough to judge) in the interpretation."""
    policy_shingles = _shingles(_normalise(policy_text))
    sentences = [
        s for s in map(_normalise, _SENTENCE_END.split(interpretation_text)) if len(s) >= MIN_SENTENCE_CHARS
    ]
    copied = sum(1 for sentence in sentences if _is_copied(sentence, policy_shingles))
    return copied, len(sentences)


def _is_copied(sentence: str, policy_shingles: set[str]) -> bool:
    own = _shingles(sentence)
    return len(own & policy_shingles) >= COPIED_OVERLAP * len(own)


def _shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))}


def _normalise(text: str) -> str:
    """Letters, digits and Han characters only: punctuation and spacing do not make a sentence new."""
    return _NOT_WORD.sub("", text)
