"""Line breaking with kinsoku, unbreakable runs, and balanced titles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.rendering.layout import (
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    break_lines,
    cells,
    shape_title,
)

CJK = st.sampled_from("政务公开工作要点县政府信息解读")
CLOSING = st.sampled_from("，。、；：？！）」』》〉】…")
OPENING = st.sampled_from("（《「『【〈")
# Words as written: an optional opening bracket, some characters, an optional closing mark.
WORD = st.tuples(
    st.one_of(st.just(""), OPENING), st.text(CJK, min_size=1, max_size=6), st.one_of(st.just(""), CLOSING)
)
TEXT = st.lists(WORD, min_size=1, max_size=60).map(lambda words: "".join("".join(w) for w in words))


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text):
    lines = break_lines(text, cells, 28, 26)
    assert "".join(lines) == text
    assert all(line[0] not in LINE_START_FORBIDDEN for line in lines[1:])
    assert all(line[-1] not in LINE_END_FORBIDDEN for line in lines[:-1])
    assert all(cells(line) <= 28 for line in lines)


def test_a_closing_mark_pulls_the_character_before_it_onto_the_next_line():
    text = "一" * 28 + "。再"
    assert break_lines(text, cells, 28) == ["一" * 27, "一。再"]


def test_digit_runs_are_not_split_across_lines():
    text = "一" * 27 + "2026年"
    assert break_lines(text, cells, 28) == ["一" * 27, "2026年"]


def test_full_lines_hold_28_characters_after_a_two_character_indent_on_the_first():
    lines = break_lines("政" * 60, cells, 28, 26)
    assert [len(line) for line in lines] == [26, 28, 6]


def test_title_puts_the_issuing_organ_on_its_own_line_and_balances_the_rest():
    title = "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知"
    assert shape_title(title, "青禾县人民政府办公室") == [
        "青禾县人民政府办公室",
        "关于印发青禾县2026年",
        "政务公开工作要点的通知",
    ]


def test_title_keeps_a_book_title_whole():
    assert shape_title("《青禾县2026年政务公开工作要点》政策解读") == [
        "《青禾县2026年政务公开工作要点》",
        "政策解读",
    ]


def test_short_title_stays_on_one_line():
    assert shape_title("关于做好政务公开工作的通知") == ["关于做好政务公开工作的通知"]
