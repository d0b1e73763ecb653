"""The dictionary files: format, errors a clerk can act on, and the rules following settings."""

from __future__ import annotations

import os

import pytest

from models.errors import InvalidInput
from models.settings import get_settings
from tasks.scanning import default_rules, load_rules, scan_text
from tasks.scanning.rules import read_secrecy_dictionary, read_wrong_words


@pytest.fixture
def dictionaries(tmp_path, monkeypatch):
    """Empty secrecy and wrong-word dictionaries that settings point at."""
    secrecy, wrong = tmp_path / "secrecy.txt", tmp_path / "wrong.txt"
    secrecy.write_text("# 保密办维护\n", encoding="utf-8")
    wrong.write_text("", encoding="utf-8")
    monkeypatch.setenv("POLICYFLOW_SECRECY_DICTIONARY", str(secrecy))
    monkeypatch.setenv("POLICYFLOW_WRONG_WORD_DICTIONARY", str(wrong))
    get_settings.cache_clear()
    yield secrecy, wrong
    get_settings.cache_clear()


def test_read_secrecy_dictionary_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "secrecy.txt"
    path.write_text("# 保密办维护\n\n兵力部署  # 军事\n  警卫路线 \n", encoding="utf-8")
    assert read_secrecy_dictionary(path) == ["兵力部署", "警卫路线"]


def test_read_secrecy_dictionary_accepts_gb18030(tmp_path):
    path = tmp_path / "secrecy.txt"
    path.write_bytes("警卫路线\n".encode("gb18030"))
    assert read_secrecy_dictionary(path) == ["警卫路线"]


def test_read_secrecy_dictionary_refuses_a_single_character_term(tmp_path):
    path = tmp_path / "secrecy.txt"
    path.write_text("兵力部署\n密\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2: “密” is a single character"):
        read_secrecy_dictionary(path)


def test_read_wrong_words_accepts_both_equals_signs(tmp_path):
    path = tmp_path / "wrong.txt"
    path.write_text("国土资源部 = 自然资源部\n布署＝部署\n", encoding="utf-8")
    assert read_wrong_words(path) == {"国土资源部": "自然资源部", "布署": "部署"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("国土资源部 自然资源部\n", "line 1: “国土资源部 自然资源部” is not an entry"),
        ("国土资源部 =\n", "is not an entry"),
        ("布署 = 部署\n布署 = 布置\n", "line 2: “布署” already has the correction “部署”"),
    ],
)
def test_read_wrong_words_names_the_bad_line(tmp_path, content, message):
    path = tmp_path / "wrong.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        read_wrong_words(path)


def test_load_rules_names_a_missing_file(tmp_path):
    with pytest.raises(InvalidInput, match="cannot read dictionary file") as caught:
        load_rules(tmp_path / "missing.txt", tmp_path / "wrong.txt")
    assert "POLICYFLOW_SECRECY_DICTIONARY" in caught.value.hint


def test_bundled_secrecy_dictionary_says_who_maintains_it():
    header = get_settings().secrecy_dictionary.read_text(encoding="utf-8").splitlines()[:4]
    assert any("保密办" in line for line in header)
    assert default_rules().secret_keywords


def test_default_rules_read_the_files_named_in_settings(dictionaries):
    secrecy, _ = dictionaries
    secrecy.write_text("青禾专项行动\n", encoding="utf-8")
    assert [f.kind for f in scan_text("部署青禾专项行动")] == ["secret_keyword"]


def test_default_rules_reload_a_dictionary_the_secrecy_office_edited(dictionaries):
    secrecy, _ = dictionaries
    assert scan_text("部署青禾专项行动") == []
    secrecy.write_text("青禾专项行动\n", encoding="utf-8")
    stat = secrecy.stat()
    os.utime(secrecy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [f.text for f in scan_text("部署青禾专项行动")] == ["青禾专项行动"]
