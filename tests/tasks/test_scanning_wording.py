"""错敏词: wrong → right entries, protected phrases and historical references."""

from __future__ import annotations

import pytest

from tasks.scanning import ScanRules, default_rules, scan_text


def wrong_words(text: str, rules: ScanRules | None = None) -> list[tuple[str, str]]:
    return [(f.text, f.suggestion) for f in scan_text(text, rules) if f.kind == "wrong_word"]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("经国家工商行政管理总局批准", "国家工商行政管理总局", "国家市场监督管理总局"),
        ("县环境保护局负责", "环境保护局", "生态环境局"),
        ("《中华人民共合国政府信息公开条例》", "中华人民共合国", "中华人民共和国"),
        ("请各单位认真贯切落实", "贯切落实", "贯彻落实"),
        ("截止目前已完成", "截止目前", "截至目前"),
    ],
)
def test_scan_finds_a_wrong_word_with_its_correction(text, wrong, right):
    assert wrong_words(text) == [(wrong, f"应为“{right}”")]


@pytest.mark.parametrize(
    "text",
    [
        "原国家工商行政管理总局发布的规定",  # naming an abolished body when citing it
        "各级农业部门和环境保护部门",  # protected phrases containing 农业部 / 环境保护部
        "国家市场监督管理总局",
        "中华人民共和国",
    ],
)
def test_scan_finds_no_wrong_word_in_correct_text(text):
    assert wrong_words(text) == []


def test_default_wrong_words_name_the_2018_reform():
    assert default_rules().corrections["国家工商行政管理总局"] == "国家市场监督管理总局"


def test_scan_prefers_the_longest_entry():
    rules = ScanRules([], {"卫计委": "卫健委", "国家卫计委": "国家卫生健康委"})
    assert wrong_words("国家卫计委", rules) == [("国家卫计委", "应为“国家卫生健康委”")]
