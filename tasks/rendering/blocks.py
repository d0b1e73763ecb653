"""Reading structure out of plain text: 正文 heading levels, the 印发 enclosure, 解读 sections and 问/答."""

from __future__ import annotations

import re

from tasks.rendering.context import BodyBlock, Enclosure, InterpretationSection, QAPair

NUMERAL = "一二三四五六七八九十百零〇"
# Full-width and half-width variants alike: 一、 一. （一） (一) 1. 1． 1、 （1） (1).
HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{NUMERAL}]+\s*[、，,.．]")),
    (2, re.compile(rf"^[（(]\s*[{NUMERAL}]+\s*[）)]")),
    (4, re.compile(r"^[（(]\s*\d+\s*[）)]")),
    (3, re.compile(r"^\d+\s*(?:[．、]|\.(?!\d))")),
)
SENTENCE_END = re.compile(r"[。！？!?]")
TITLE_LINE_MAX = 60
QUESTION = re.compile(r"^(?:问|Q)\s*[：:]\s*")
ANSWER = re.compile(r"^(?:答|A)\s*[：:]\s*")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")
# Bold markup only: **text** touching no other asterisk, so masked digits (138****5678) print as they stand.
MARKDOWN_BOLD = re.compile(r"(?<!\*)\*\*([^*\s](?:[^*]*[^*\s])?)\*\*(?!\*)")


def paragraphs(text: str) -> list[str]:
    """Non-empty lines with surrounding space, Markdown heading marks and ``**bold**`` marks removed."""
    return [line for line in map(_clean, text.splitlines()) if line]


def _clean(line: str) -> str:
    return MARKDOWN_BOLD.sub(r"\1", MARKDOWN_HEADING.sub("", line.strip())).strip()


def heading_level(paragraph: str) -> int:
    """0 for plain text, else the GB/T 9704 level of the paragraph's numbering (一、=1 … （1）=4)."""
    return next((level for level, pattern in HEADINGS if pattern.match(paragraph)), 0)


def body_block(paragraph: str) -> BodyBlock:
    """A paragraph with its heading run split off: up to the first full stop, or all of a heading line."""
    level = heading_level(paragraph)
    if level == 0:
        return BodyBlock(text=paragraph)
    end = SENTENCE_END.search(paragraph)
    cut = end.end() if end else len(paragraph)
    return BodyBlock(level=level, heading=paragraph[:cut], text=paragraph[cut:])  # type: ignore[arg-type]


def parse_body(text: str) -> tuple[list[BodyBlock], Enclosure | None]:
    """正文 blocks, and the enclosed document when the text is an 印发通知 followed by what it issues.

    The enclosure starts at a title-like line (short, no closing punctuation) that an earlier paragraph
    names in 书名号, as 《青禾县2026年政务公开工作要点》 names the work plan that follows the notice.
    """
    items = paragraphs(text)
    for index, line in enumerate(items[1:], start=1):
        if _is_title_line(line) and any(f"《{line}》" in before for before in items[:index]):
            enclosure = Enclosure(title=line, blocks=[body_block(p) for p in items[index + 1 :]])
            return [body_block(p) for p in items[:index]], enclosure
    return [body_block(p) for p in items], None


def _is_title_line(line: str) -> bool:
    return len(line) <= TITLE_LINE_MAX and heading_level(line) == 0 and line[-1] not in "。；;：:，,！？!?"


def parse_interpretation(material: str, fallback_title: str) -> tuple[str, list[InterpretationSection]]:
    """The title (a leading ``#`` line) and the sections (``##`` lines, else 一、 lines) of a 解读."""
    lines = [line.strip() for line in material.splitlines() if line.strip()]
    title = fallback_title
    first = MARKDOWN_HEADING.match(lines[0]) if lines else None
    if first and len(first.group(1)) == 1:
        title, lines = _clean(lines[0]), lines[1:]
    marked = any(m and len(m.group(1)) >= 2 for m in map(MARKDOWN_HEADING.match, lines))
    sections: list[_Section] = []
    for line in lines:
        starts_section = bool(MARKDOWN_HEADING.match(line)) if marked else heading_level(line) == 1
        text = _clean(line)
        if starts_section:
            sections.append(_Section(text))
        elif text:
            if not sections:
                sections.append(_Section(""))
            sections[-1].add(text)
    return title, [section.finish() for section in sections]


class _Section:
    """A section being read: paragraphs, then 问/答 pairs whose answers may run over several paragraphs."""

    def __init__(self, heading: str) -> None:
        self.heading = heading
        self.paragraphs: list[str] = []
        self.qa: list[tuple[str, list[str]]] = []

    def add(self, line: str) -> None:
        if QUESTION.match(line):
            self.qa.append((QUESTION.sub("", line), []))
        elif self.qa:
            self.qa[-1][1].append(ANSWER.sub("", line))
        else:
            self.paragraphs.append(line)

    def finish(self) -> InterpretationSection:
        pairs = [QAPair(question=q, answer=a) for q, a in self.qa]
        return InterpretationSection(heading=self.heading, paragraphs=self.paragraphs, qa=pairs)
