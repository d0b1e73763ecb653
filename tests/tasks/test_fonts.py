"""Fonts: GB/T 9704 typefaces mapped to the free CJK fonts, coverage, per-character fallback."""

from __future__ import annotations

import logging

import pytest

from models.errors import UncoveredCharacters
from models.settings import get_settings
from tasks.fonts import FontRole, font_book, uncovered_characters


def test_font_book_maps_each_role_to_its_typeface():
    book = font_book()
    assert book.primary(FontRole.BODY).label == "FangSong"
    assert book.primary(FontRole.TITLE).label == "Noto Serif CJK SC Bold"
    assert book.primary(FontRole.HEI).label == "WenQuanYi Micro Hei"
    assert book.primary(FontRole.KAI).label == "AR PL UKai"
    assert book.primary(FontRole.SONG).label == "AR PL UMing"


def test_fangsong_is_fandol_converted_to_truetype_once(font_cache):
    assert (font_cache / "FandolFang-Regular.glyf.ttf").is_file()
    assert font_book().primary(FontRole.BODY).truetype


def test_uncovered_characters_names_what_no_font_has():
    assert uncovered_characters("政务公开\ue000䶮𠀋\U0003134a") == ["\ue000", "\U0003134a"]


def test_uncovered_characters_ignores_invisible_format_characters():
    assert uncovered_characters("政务\u200b公开\u00ad\n") == []


def test_plan_switches_font_per_character_for_rare_characters():
    plan = font_book().plan({FontRole.BODY: "王䶮𠀋"})
    runs = plan.runs("王䶮𠀋", FontRole.BODY)
    assert [text for _, text in runs] == ["王", "䶮", "𠀋"]
    assert runs[0][0] == "PF-FangSong"
    assert runs[1][0] == "PF-UMing"  # Fandol lacks Extension A; UMing has 䶮
    assert runs[2][0].startswith("PF-NotoSerifSC-")  # Extension B only in Noto, cut to a subset


def test_plan_refuses_text_with_uncovered_characters():
    with pytest.raises(UncoveredCharacters, match=r"U\+E000") as raised:
        font_book().plan({FontRole.BODY: "正文\ue000"}, "《测试》")
    assert raised.value.characters == ["\ue000"]
    assert "《测试》" in raised.value.message


def test_body_falls_back_to_song_with_a_warning_when_fangsong_is_unavailable(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("POLICYFLOW_FONT_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("POLICYFLOW_FONT_FETCH", "false")
    get_settings.cache_clear()
    with caplog.at_level(logging.WARNING, logger="tasks.fonts"):
        book = font_book()
    get_settings.cache_clear()
    assert book.primary(FontRole.BODY).label == "AR PL UMing"
    assert "no FangSong font" in caplog.text
