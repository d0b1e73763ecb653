"""The GB/T 9704 page for reportlab: the text block, the 28 × 22 grid, lines of mixed fonts, rules, 页码.

A4; 天头 37 mm, 订口 28 mm; text block 156 × 225 mm. 3号 (16 pt) characters are spaced so that 28
fill a line, and 22 lines fill the block. A paragraph is a list of (text, role) runs, broken with
kinsoku and justified to both edges except its last line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tasks.fonts import FontPlan, FontRole, visible
from tasks.rendering.layout import break_units, line_units

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 28 * MM
BLOCK_WIDTH, BLOCK_HEIGHT = 156 * MM, 225 * MM
BLOCK_TOP = PAGE_HEIGHT - 37 * MM
BLOCK_BOTTOM = BLOCK_TOP - BLOCK_HEIGHT
BODY_SIZE = 16.0  # 3号
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
LINE = BLOCK_HEIGHT / LINES_PER_PAGE  # line pitch, ≈ 29 pt
CELL = BLOCK_WIDTH / CHARS_PER_LINE  # character pitch, ≈ 15.8 pt: a hair under 16 pt, as in Word's grid
GLYPH_CENTRE = 0.38  # a CJK glyph's vertical centre above the baseline, in ems
PAGE_NUMBER_SIZE = 14.0  # 4号

Align = Literal["justify", "left", "centre", "right"]
Runs = Sequence[tuple[str, FontRole]]


@dataclass(frozen=True)
class Style:
    """How a paragraph sits: size, indents in cells (of its own size), alignment, colour, grid spacing."""

    size: float = BODY_SIZE
    first_indent: float = 0
    left_indent: float = 0
    right_indent: float = 0
    align: Align = "justify"
    color: Color = black
    grid: bool = True  # 28 characters a line; off for titles, whose characters sit at natural width
    pitch: float = LINE


BODY = Style(first_indent=2)


class PageWriter:
    """Draws lines top to bottom across pages, numbering each page as it is finished."""

    def __init__(self, target: Path | BinaryIO, plan: FontPlan, *, title: str, author: str) -> None:
        self.canvas = Canvas(
            str(target) if isinstance(target, Path) else target,
            pagesize=A4,
            invariant=True,  # the same context gives the same bytes: no timestamp or random id
            initialFontName=plan.font_name("一", FontRole.BODY),  # never reference a non-embedded font
        )
        self.canvas.setTitle(title)
        self.canvas.setAuthor(author)
        self.canvas.setCreator("policyflow")
        self.plan = plan
        self.page = 1
        self.y = BLOCK_TOP

    def room(self) -> float:
        """Space left on this page, in points."""
        return self.y - BLOCK_BOTTOM

    def skip(self, lines: float = 1) -> None:
        """Leave blank lines (never carried over to a new page)."""
        self.y = max(BLOCK_BOTTOM, self.y - lines * LINE)

    def new_page(self) -> None:
        """Finish this page with its number and start the next at the top of the text block."""
        self._page_number()
        self.canvas.showPage()
        self.page += 1
        self.y = BLOCK_TOP

    def paragraph(self, runs: Runs, style: Style = BODY) -> None:
        """Break mixed-font runs into lines and draw them, continuing on new pages as needed."""
        chars = [(c, role) for text, role in runs for c in visible(text)]
        text = "".join(c for c, _ in chars)
        if not text:
            return
        roles = [role for _, role in chars]
        width = BLOCK_WIDTH - (style.left_indent + style.right_indent) * self._cell(style)
        first = width - style.first_indent * self._cell(style)
        units = line_units(text, lambda u: self._advance(u, style, roles[0]), width)
        widths, offsets, at = [], [], 0
        for unit in units:
            offsets.append(at)
            widths.append(sum(self._advance(c, style, roles[at + k]) for k, c in enumerate(unit)))
            at += len(unit)
        ranges = break_units(units, widths, width, first)
        for number, (a, b) in enumerate(ranges):
            start, end = offsets[a], offsets[b] if b < len(offsets) else len(text)
            last = number == len(ranges) - 1
            indent = style.left_indent + (style.first_indent if number == 0 else 0)
            self.line(chars[start:end], style, indent, width if number else first, last=last)

    def line(
        self, chars: Sequence[tuple[str, FontRole]], style: Style, indent: float, width: float, *, last: bool
    ) -> None:
        """Draw one line of (character, role) pairs in the next line box."""
        if self.y - style.pitch < BLOCK_BOTTOM - 0.5:
            self.new_page()
        baseline = self.y - style.pitch / 2 - GLYPH_CENTRE * style.size
        self.draw(chars, style, LEFT + indent * self._cell(style), baseline, width, last=last)
        self.y -= style.pitch

    def draw(
        self,
        chars: Sequence[tuple[str, FontRole]],
        style: Style,
        x: float,
        baseline: float,
        width: float,
        *,
        last: bool = True,
    ) -> None:
        """Draw characters on a baseline within ``width`` from ``x``, aligned as the style says."""
        glyphs = [(self.plan.font_name(c, role), c) for c, role in chars]
        natural = sum(stringWidth(c, name, style.size) for name, c in glyphs)
        spacing = self._spacing(style)
        if style.align == "justify" and not last and len(glyphs) > 1:
            spacing = (width - natural) / (len(glyphs) - 1)
        used = natural + spacing * (len(glyphs) - 1)
        offset = {"centre": (width - used) / 2, "right": width - used}.get(style.align, 0.0)
        text = self.canvas.beginText(x + offset, baseline)
        text.setFillColor(style.color)
        text.setCharSpace(spacing)
        for name, run in _runs(glyphs):
            text.setFont(name, style.size)
            text.textOut(run)
        self.canvas.drawText(text)

    def rule(self, y: float, thickness: float, color: Color = black) -> None:
        """A horizontal rule across the text block at height ``y``."""
        self.canvas.setStrokeColor(color)
        self.canvas.setLineWidth(thickness)
        self.canvas.line(LEFT, y, LEFT + BLOCK_WIDTH, y)

    def finish(self) -> int:
        """Number the last page, save, and return the page count."""
        self._page_number()
        self.canvas.save()
        return self.page

    def measure(self, text: str, role: FontRole, style: Style) -> float:
        """The width of ``text`` as drawn unjustified in a role and style."""
        chars = visible(text)
        natural = sum(stringWidth(c, self.plan.font_name(c, role), style.size) for c in chars)
        return natural + self._spacing(style) * max(len(chars) - 1, 0)

    def row(self, left: Runs, right: Runs, style: Style) -> None:
        """One line with text flush left and text flush right (inside the style's indents)."""
        if self.y - style.pitch < BLOCK_BOTTOM - 0.5:
            self.new_page()
        baseline = self.y - style.pitch / 2 - GLYPH_CENTRE * style.size
        x = LEFT + style.left_indent * self._cell(style)
        width = BLOCK_WIDTH - (style.left_indent + style.right_indent) * self._cell(style)
        sides: tuple[tuple[Runs, Align], ...] = ((left, "left"), (right, "right"))
        for runs, align in sides:
            chars = [(c, role) for text, role in runs for c in visible(text)]
            self.draw(chars, Style(size=style.size, align=align, grid=style.grid), x, baseline, width)
        self.y -= style.pitch

    def _page_number(self) -> None:
        """ "— N —" in 4号 宋体, 7 mm below the text block: odd pages right, even pages left, one character in."""
        label = [(c, FontRole.SONG) for c in f"— {self.page} —"]
        style = Style(size=PAGE_NUMBER_SIZE, align="right" if self.page % 2 else "left", grid=False)
        baseline = BLOCK_BOTTOM - 7 * MM - 0.8 * PAGE_NUMBER_SIZE
        width = BLOCK_WIDTH - 2 * PAGE_NUMBER_SIZE
        self.draw(label, style, LEFT + PAGE_NUMBER_SIZE, baseline, width)

    def _advance(self, unit: str, style: Style, role: FontRole) -> float:
        spacing = self._spacing(style)
        return sum(stringWidth(c, self.plan.font_name(c, role), style.size) + spacing for c in unit)

    def _spacing(self, style: Style) -> float:
        return CELL - BODY_SIZE if style.grid and style.size == BODY_SIZE else 0.0

    def _cell(self, style: Style) -> float:
        return CELL if style.grid and style.size == BODY_SIZE else style.size


def _runs(glyphs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive characters in the same font, joined."""
    runs: list[tuple[str, str]] = []
    for name, char in glyphs:
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs
