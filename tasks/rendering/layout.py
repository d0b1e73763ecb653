"""Chinese line breaking: kinsoku (禁则), unbreakable runs, and balanced multi-line titles.

Widths are in *cells*: a full-width character is 1, a half-width one (digits, Latin) 0.5 unless the
caller measures real glyph widths. The PDF renderer measures; title shaping uses cells so DOCX and
PDF break titles at the same places.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence

# A line never starts with closing punctuation nor ends with opening punctuation (GB/T 15834 practice).
LINE_START_FORBIDDEN = frozenset("，。、；：？！）」』》〉】〕〗〙〛”’…‥·・％‰℃,.;:?!)]}%")
LINE_END_FORBIDDEN = frozenset("（《「『【〈〔〖〘〚“‘([{")
# Digit and Latin runs (2026, H5, 1.5) and doubled dashes/ellipses (——, ……) are never split.
UNBREAKABLE = re.compile(r"[A-Za-z0-9]+(?:[.:/-][A-Za-z0-9]+)*|——|……|.", re.DOTALL)
TITLE_MAX_CELLS = 19  # 2号 (22 pt) characters across the 156 mm text block is 20; one spare for wide digits
GOOD_TITLE_BREAKS_BEFORE = ("关于", "的", "《")
GOOD_TITLE_BREAKS_AFTER = ("关于", "印发", "年", "》", "、", "，")


def cells(text: str) -> float:
    """The width of ``text`` in cells: 1 per full-width character, 0.5 per half-width one."""
    return sum(0.5 if unicodedata.east_asian_width(c) in ("Na", "H") else 1.0 for c in text)


def tokens(text: str) -> list[str]:
    """``text`` cut into the units a line may break between."""
    return UNBREAKABLE.findall(text)


def break_lines(
    text: str, advance: Callable[[str], float], width: float, first_width: float | None = None
) -> list[str]:
    """Greedy line breaking with kinsoku: the lines of ``text``; ``first_width`` allows a first-line indent."""
    units = line_units(text, advance, width)
    return [
        "".join(units[a:b]) for a, b in break_units(units, [advance(u) for u in units], width, first_width)
    ]


def break_units(
    units: Sequence[str], widths: Sequence[float], width: float, first_width: float | None = None
) -> list[tuple[int, int]]:
    """Line ranges over unbreakable ``units`` (with their widths): greedy filling, then kinsoku.

    When a line is full, units move from its end to the next line until that line does not start
    with closing punctuation and this one does not end with opening punctuation (追い出し).
    """
    lines: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for index, size in enumerate(widths):
        available = first_width if not lines and first_width is not None else width
        if index == start or used + size <= available + 1e-6:
            used += size
            continue
        cut = index
        while cut - 1 > start and (
            units[cut][0] in LINE_START_FORBIDDEN or units[cut - 1][-1] in LINE_END_FORBIDDEN
        ):
            cut -= 1
        lines.append((start, cut))
        start, used = cut, sum(widths[cut : index + 1])
    if start < len(units):
        lines.append((start, len(units)))
    return lines


def line_units(text: str, advance: Callable[[str], float], width: float) -> list[str]:
    """The tokens of ``text``, with any single token wider than a line (a long URL) split into characters."""
    units: list[str] = []
    for token in tokens(text):
        units.extend(list(token) if len(token) > 1 and advance(token) > width else [token])
    return units


def shape_title(title: str, organ: str | None = None, max_cells: float = TITLE_MAX_CELLS) -> list[str]:
    """A title in balanced lines (梯形/菱形), the issuing organ alone on the first line when it leads."""
    title = " ".join(title.split())
    if cells(title) <= max_cells:
        return [title]
    lead: list[str] = []
    if organ and title.startswith(organ) and len(title) > len(organ) and cells(organ) <= max_cells:
        lead, title = [organ], title[len(organ) :]
    return lead + _balanced(title, max_cells)


def _balanced(text: str, max_cells: float) -> list[str]:
    """Split ``text`` into the fewest lines that fit, as even as possible, preferring natural breaks."""
    units = tokens(text)
    count = math.ceil(cells(text) / max_cells)
    if count <= 1:
        return [text]
    if count > 4 or len(units) > 120:  # too many combinations: fall back to greedy filling
        return break_lines(text, cells, max_cells)
    target = cells(text) / count
    best: tuple[float, list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(units)), count - 1):
        lines = ["".join(units[a:b]) for a, b in itertools.pairwise((0, *cuts, len(units)))]
        cost = _title_cost(lines, target, max_cells)
        if best is None or cost < best[0]:
            best = (cost, lines)
    return best[1] if best and math.isfinite(best[0]) else break_lines(text, cells, max_cells)


def _title_cost(lines: list[str], target: float, max_cells: float) -> float:
    """Unevenness in cells plus the penalties of the breaks; infinite when a line does not fit."""
    cost = 0.0
    for line, following in itertools.pairwise([*lines, ""]):
        width = cells(line)
        if width > max_cells:
            return math.inf
        cost += abs(width - target)
        if following:
            cost += _break_penalty(line, following)
    return cost


def _break_penalty(before: str, after: str) -> float:
    if after[0] in LINE_START_FORBIDDEN or before[-1] in LINE_END_FORBIDDEN:
        return 1000.0
    if before.count("《") > before.count("》"):
        return 20.0  # inside a 书名号 title: only to avoid a line much too long
    if after.startswith(GOOD_TITLE_BREAKS_BEFORE) or before.endswith(GOOD_TITLE_BREAKS_AFTER):
        return 0.0
    return 6.0  # a break inside a word, most likely: acceptable only for much better balance
