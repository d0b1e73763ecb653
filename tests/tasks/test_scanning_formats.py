"""发文字号 and 成文日期 in the GB/T 9704 form."""

from __future__ import annotations

import pytest

from tasks.scanning import scan_text


def formats(text: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.text, f.suggestion) for f in scan_text(text) if f.category == "format"]


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("[2023]5号", "〔2023〕5号"),
        ("（2023）5号", "〔2023〕5号"),
        ("(2023)5号", "〔2023〕5号"),
        ("【2023】5号", "〔2023〕5号"),
        ("〔2023〕05号", "〔2023〕5号"),
        ("〔2023〕第5号", "〔2023〕5号"),
        ("〔二〇二三〕5号", "〔2023〕5号"),
    ],
)
def test_scan_flags_a_doc_number_breaking_the_rule(written, right):
    ((kind, text, suggestion),) = formats(f"平政办发{written}")
    assert (kind, text) == ("doc_number_format", written)
    assert f"应写作“{right}”" in suggestion


def test_scan_flags_a_two_digit_year_without_guessing_the_century():
    ((kind, text, suggestion),) = formats("京政发〔23〕5号")
    assert (kind, text) == ("doc_number_format", "〔23〕5号")
    assert "年份应写全四位" in suggestion


@pytest.mark.parametrize(
    "text",
    [
        "平政办发〔2023〕5号",
        "(国办发〔2019〕54号)",  # half-width brackets around a correct number, as in the 平阴 web copy
        "（2023）京0101行初5号",  # a court case number, not a 发文字号
        "《规划(2021—2025年)》",
        "国务院令第711号",
    ],
)
def test_scan_accepts_correct_doc_numbers_and_other_numbering(text):
    assert formats(text) == []


@pytest.mark.parametrize(
    ("line", "right"),
    [
        ("二〇二三年七月二十八日", "2023年7月28日"),
        ("2023年07月08日", "2023年7月8日"),
        ("２０２３年７月２８日", "2023年7月28日"),
        ("    二〇二四年十二月一日  ", "2024年12月1日"),
    ],
)
def test_scan_flags_a_date_line_not_in_the_standard_form(line, right):
    ((kind, text, suggestion),) = formats(f"青禾县人民政府办公室\n{line}\n（此件公开发布）")
    assert (kind, text) == ("date_format", line.strip())
    assert f"应写作“{right}”" in suggestion


def test_scan_flags_a_date_that_does_not_exist():
    ((kind, _, suggestion),) = formats("2023年2月30日")
    assert kind == "date_format"
    assert "不是一个真实的日期" in suggestion


@pytest.mark.parametrize(
    "text",
    ["2023年7月28日", "**2024年7月2日**", "于2023年08月20日前报送", "2023年7月28日印发"],
)
def test_scan_accepts_correct_dates_and_dates_inside_sentences(text):
    assert formats(text) == []
