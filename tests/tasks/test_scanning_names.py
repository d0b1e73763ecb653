"""Person names next to cue words: true positives and the prose that must not look like a name."""

from __future__ import annotations

import pytest

from tasks.scanning import scan_text


def names(text: str) -> list[str]:
    return [f.text for f in scan_text(text) if f.kind == "person_name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("联系人：张伟，电话略", "张伟"),
        ("经办人 王小明。", "王小明"),
        ("申请人李娜提出申请", "李娜"),
        ("当事人：欧阳娜娜，女", "欧阳娜娜"),
        ("被处罚人赵磊，男，1980年出生", "赵磊"),
        ("姓名\t刘洋", "刘洋"),
        ("联系人张三电话", "张三"),
        ("向王小明同志学习", "王小明"),
        ("李明同志任县政府办公室主任", "李明"),
        ("来访的周建国先生", "周建国"),
        ("陈静女士反映", "陈静"),
    ],
)
def test_scan_finds_a_name_next_to_a_cue(text, name):
    assert names(text) == [name]


def test_scan_names_finding_suggests_surname_and_mou():
    (finding,) = [f for f in scan_text("联系人：王小明") if f.kind == "person_name"]
    assert "“王某”" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "当事人陈述、申辩的权利",  # 陈 is a surname, 陈述 is not a name
        "申请人应当如实填写",
        "当事人于2023年5月提出",
        "申请人李某某",  # already de-identified
        "负责人员要按时到岗",
        "主要负责同志要出席新闻发布会",
        "各位同志",
        "广大党员干部同志",
        "王先生来电",  # a surname alone identifies no one
        "相关负责人表示",
    ],
)
def test_scan_finds_no_name_in_prose(text):
    assert names(text) == []
