"""保密审查: 密级 marks, internal-use markers and the secrecy office's dictionary."""

from __future__ import annotations

import pytest

from tasks.scanning import ScanRules, scan_text


def marks(text: str, rules: ScanRules | None = None) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan_text(text, rules) if f.category == "secrecy"]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("000123\n机密★5年\n特急\n关于…的通知", "机密★5年"),
        ("绝密★长期", "绝密★长期"),
        ("秘密★", "秘密★"),
        ("密级：秘密\n保密期限：1年", "密级：秘密"),
        ("标题\n  机密  \n正文", "机密"),
    ],
)
def test_scan_finds_a_secret_level_mark(text, mark):
    assert marks(text) == [("secret_mark", mark)]


@pytest.mark.parametrize(
    "text",
    [
        "防止泄露国家秘密、工作秘密和敏感信息",
        "涉及商业秘密、个人隐私的信息不予公开",
        "做好机密文件管理培训",
        "坚持“涉密信息不上网、上网信息不涉密”",
        "优化内部使用的办公系统",  # 内部使用 in prose, not a mark
    ],
)
def test_scan_finds_no_mark_in_prose_about_secrecy(text):
    assert [kind for kind, _ in marks(text)] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("（内部资料 注意保存）", ["内部资料", "注意保存"]),
        ("内部资料\n关于…的通知", ["内部资料"]),
        ("【工作秘密】", ["工作秘密"]),
        ("本材料仅供内部使用，不得外传。", ["仅供内部使用", "不得外传"]),
    ],
)
def test_scan_finds_internal_use_markers(text, found):
    assert marks(text) == [("secret_mark", word) for word in found]


def test_scan_reports_dictionary_terms_for_the_secrecy_reviewer():
    rules = ScanRules(["兵力部署", "部署方案"], {})
    findings = [f for f in scan_text("研究兵力部署方案", rules) if f.kind == "secret_keyword"]
    assert [(f.text, f.start) for f in findings] == [("兵力部署", 2)]
    assert "保密审查员" in findings[0].suggestion


def test_scan_does_not_report_part_of_a_dictionary_term():
    rules = ScanRules(["兵力部署"], {})
    assert marks("调整兵力和部署", rules) == []


def test_scan_keeps_a_mark_over_a_dictionary_term_at_the_same_place():
    rules = ScanRules(["内部资料"], {})
    assert marks("（内部资料）", rules) == [("secret_mark", "内部资料")]
