"""政策解读 content rules: required elements recognised from headings, and copying from the policy."""

from __future__ import annotations

import pytest

from models.settings import get_settings
from tasks.interpretation import excerpt_share, headings, interpretation_elements, missing_elements
from tests.factories import demo_package


def test_interpretation_elements_finds_all_nine_in_the_demo():
    package = demo_package()
    assert package.interpretation is not None
    assert (
        interpretation_elements(package.interpretation.text)
        == get_settings().interpretation_required_elements
    )


@pytest.mark.parametrize(
    "line",
    [
        "## 一、出台背景",
        "一、出台背景和依据",
        "（一）政策出台的背景",
        "1.制定依据：",
        "**背景依据**",
        "背景依据",
    ],
)
def test_interpretation_elements_recognises_a_heading_in_its_usual_shapes(line):
    assert interpretation_elements(f"{line}\n正文说明了出台的原因。") == ["背景依据"]


def test_interpretation_elements_ignores_element_words_in_running_text():
    text = "本政策的适用范围很广，执行标准也很明确，群众要注意事项的变化。"
    assert interpretation_elements(text) == []


def test_missing_elements_names_what_the_headings_do_not_cover():
    text = "## 背景依据\n…\n## 目标任务\n…\n## 主要内容\n…"
    assert missing_elements(text, ["背景依据", "目标任务", "涉及范围", "执行标准"]) == [
        "涉及范围",
        "执行标准",
    ]


def test_missing_elements_follows_the_configured_list(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_INTERPRETATION_REQUIRED_ELEMENTS", '["背景依据", "办理流程"]')
    get_settings.cache_clear()
    assert missing_elements("## 背景依据\n…\n## 办理流程\n…") == []
    assert missing_elements("## 背景依据\n…") == ["办理流程"]


def test_headings_skips_questions_and_sentences():
    text = "## 十、简明问答\n问：群众怎样参与？\n答：关注县政府网站。\n三同步的要求"
    assert list(headings(text)) == ["简明问答", "三同步的要求"]


def test_excerpt_share_of_the_demo_interpretation_is_zero():
    package = demo_package()
    assert package.interpretation is not None
    assert excerpt_share(package.policy.text, package.interpretation.text) == 0.0


def test_excerpt_share_of_a_copied_policy_is_one():
    policy = demo_package().policy.text
    assert excerpt_share(policy, policy) == 1.0


def test_excerpt_share_counts_sentences_copied_despite_punctuation_changes():
    policy = "持续优化营商环境，强化政策集成供给。加强政策包的权威发布和全面解读。"
    interpretation = (
        "持续优化营商环境 强化政策集成供给！"  # copied, punctuation changed
        "这一条的意思是企业可以在一个地方查到全部政策。"  # the interpretation's own words
    )
    assert excerpt_share(policy, interpretation) == 0.5


def test_excerpt_share_of_an_interpretation_with_only_short_lines_is_zero():
    assert excerpt_share("任何政策文本都可以。", "背景\n目标\n问：\n答：") == 0.0
