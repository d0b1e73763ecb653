"""Fonts: GB/T 9704 typefaces mapped to the free CJK fonts, coverage, per-character fallback."""

from __future__ import annotations

import json
import logging

import pytest

from models.errors import UncoveredCharacters
from models.settings import get_settings
from tasks import fontfiles
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


def test_title_is_drawn_from_the_cached_gb2312_cut_and_rarer_characters_from_a_per_document_cut(font_cache):
    title = "关于印发二〇二六年政务公开工作要点的通知"
    plan = font_book().plan({FontRole.TITLE: title + "䶮"})
    runs = plan.runs(title + "䶮", FontRole.TITLE)
    assert runs[0] == ("PF-NotoSerifSCBold-GB2312", title)  # 〇 included: titles write years with it
    assert runs[1][0].startswith("PF-NotoSerifSCBold-") and runs[1][1] == "䶮"
    assert list(font_cache.glob("NotoSerifCJK-Bold-*.gb2312.glyf.ttf"))


def test_character_maps_are_cached_and_read_again_only_when_the_font_changes(tmp_path):
    font = fontfiles.find_system_font("wqy-microhei.ttc")
    assert font is not None
    fresh = fontfiles.codepoints(font, 0)
    assert fontfiles.cached_codepoints(font, 0, tmp_path) == fresh
    (cached,) = (tmp_path / "cmaps").iterdir()
    stored = json.loads(cached.read_text())
    cached.write_text(json.dumps(stored | {"ranges": [[65, 66]]}))
    assert fontfiles.cached_codepoints(font, 0, tmp_path) == {65, 66}  # the cache is what is read
    cached.write_text(json.dumps(stored | {"size": 1, "ranges": [[65, 66]]}))  # the font changed since
    assert fontfiles.cached_codepoints(font, 0, tmp_path) == fresh
    cached.write_text("{not json")
    assert fontfiles.cached_codepoints(font, 0, tmp_path) == fresh
    assert json.loads(cached.read_text())["size"] == font.stat().st_size
