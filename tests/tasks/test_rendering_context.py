"""Typed contexts from text and the organisation: heading levels, enclosure, 解读 sections, issuing organs."""

from __future__ import annotations

from datetime import date

import pytest

from models.db import session_scope
from models.enums import Disclosure, IssuingLevel
from models.errors import InvalidInput, NotFound
from tasks.rendering.blocks import body_block, heading_level, parse_body, parse_interpretation
from tasks.rendering.builder import (
    IssuingOrgans,
    document_context,
    format_doc_number,
    preview_doc_number,
    resolve_issuing_organs,
)
from tasks.rendering.context import chinese_date
from tests.factories import demo_document_context, demo_interpretation_context, make_document_context


@pytest.mark.parametrize(
    ("paragraph", "level"),
    [
        ("一、聚焦重点工作", 1),
        ("十二.加强保障", 1),
        ("（一）深化重点领域信息公开。", 2),
        ("(二)加强激发市场主体活力", 2),
        ("1.明确任务", 3),
        ("2．压实责任", 3),
        ("3、加强培训", 3),
        ("（1）按月报送", 4),
        ("(2) 按季通报", 4),
        ("1.5万元用于培训", 0),
        ("一是加强领导", 0),
        ("2026年政务公开工作的总体要求是", 0),
    ],
)
def test_heading_level_is_read_from_full_and_half_width_numbering(paragraph, level):
    assert heading_level(paragraph) == level


def test_a_heading_run_ends_at_the_first_full_stop():
    block = body_block("（一）深化重点领域信息公开。聚焦县委、县政府重点工作任务。")
    assert (block.level, block.heading, block.text) == (
        2,
        "（一）深化重点领域信息公开。",
        "聚焦县委、县政府重点工作任务。",
    )


def test_a_heading_line_is_all_heading():
    block = body_block("一、聚焦重点工作，推动政务公开高质量发展")
    assert (block.heading, block.text) == ("一、聚焦重点工作，推动政务公开高质量发展", "")


def test_an_issuing_notice_is_split_from_the_document_it_issues():
    body, enclosure = parse_body(
        "《青禾县工作要点》已经县政府同意，现印发给你们。\n\n青禾县工作要点\n一、总体要求\n正文。"
    )
    assert [b.full_text for b in body] == ["《青禾县工作要点》已经县政府同意，现印发给你们。"]
    assert enclosure is not None and enclosure.title == "青禾县工作要点"
    assert [b.level for b in enclosure.blocks] == [1, 0]


def test_text_without_an_issued_document_has_no_enclosure():
    body, enclosure = parse_body("## 一、总体要求\n各单位要认真落实。")
    assert enclosure is None
    assert [b.full_text for b in body] == ["一、总体要求", "各单位要认真落实。"]


def test_interpretation_sections_and_questions_are_read_from_markdown():
    title, sections = parse_interpretation(
        "# 政策解读\n\n## 一、背景依据\n依据条例。\n\n## 二、简明问答\n问：怎样参与？\n答：通过网站留言。\n补充说明。\n问：在哪里查？\n答：政府网站。",
        "fallback",
    )
    assert title == "政策解读"
    assert [s.heading for s in sections] == ["一、背景依据", "二、简明问答"]
    assert sections[0].paragraphs == ["依据条例。"]
    assert [(p.question, p.answer) for p in sections[1].qa] == [
        ("怎样参与？", ["通过网站留言。", "补充说明。"]),
        ("在哪里查？", ["政府网站。"]),
    ]


def test_demo_interpretation_has_ten_sections_and_two_questions():
    context = demo_interpretation_context()
    assert context.title == "《青禾县2026年政务公开工作要点》政策解读"
    assert len(context.sections) == 10
    assert len(context.sections[-1].qa) == 2


def test_dates_print_in_arabic_numerals_without_zero_padding():
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert make_document_context(signed_on=date(2026, 10, 20)).signed_on_text == "2026年10月20日"


def test_attachment_lines_are_numbered_only_when_there_are_several():
    assert make_document_context(attachments=["任务分解表。"]).attachment_lines == ["任务分解表"]
    assert make_document_context(attachments=["甲表", "乙表"]).attachment_lines == ["1. 甲表", "2. 乙表"]


def test_doc_numbers_follow_gbt9704():
    assert format_doc_number("青政办发", 2026, 5) == "青政办发〔2026〕5号"
    assert preview_doc_number("青政办发", 2026) == "青政办发〔2026〕×号（预览）"
    with pytest.raises(InvalidInput):
        format_doc_number("青政办发", 2026, 0)


@pytest.mark.parametrize(
    ("level", "issuer", "code", "printer"),
    [
        (IssuingLevel.GOVERNMENT, "青禾县人民政府", "青政发", "青禾县人民政府办公室"),
        (IssuingLevel.GOVERNMENT_OFFICE, "青禾县人民政府办公室", "青政办发", "青禾县人民政府办公室"),
        (IssuingLevel.DEPARTMENT, "青禾县发展和改革局", "青发改发", "青禾县发展和改革局"),
    ],
)
def test_issuing_organs_follow_the_issuing_level(demo_db, level, issuer, code, printer):
    with session_scope() as session:
        organs = resolve_issuing_organs(level, "青禾县发展和改革局", session=session)
    assert (organs.issuer, organs.organ_code, organs.printer, organs.drafter) == (
        issuer,
        code,
        printer,
        "青禾县发展和改革局",
    )


def test_unknown_department_is_not_found(demo_db):
    with session_scope() as session, pytest.raises(NotFound, match="no department named 青禾县不存在局"):
        resolve_issuing_organs(IssuingLevel.DEPARTMENT, "青禾县不存在局", session=session)


def test_demo_package_context_has_the_notice_its_enclosure_and_the_annotation():
    context = demo_document_context()
    assert context.annotation == "（此件公开发布）"
    assert context.enclosure is not None and context.enclosure.title == "青禾县2026年政务公开工作要点"
    assert context.main_recipients.endswith("县政府各部门")


def test_document_context_prints_the_disclosure_annotation():
    organs = IssuingOrgans("青禾县人民政府办公室", "青政办发", "青禾县人民政府办公室", "青禾县发展和改革局")
    context = document_context(
        title="关于某事的通知",
        body_text="正文。",
        organs=organs,
        doc_number="青政办发〔2026〕6号",
        signed_on=date(2026, 2, 3),
        disclosure=Disclosure.ON_REQUEST,
    )
    assert context.annotation == "（此件依申请公开）"
    assert context.issuer_mark == "青禾县人民政府办公室文件"
    assert context.printed_on == date(2026, 2, 3)


def test_paragraphs_keep_masked_numbers_and_unwrap_only_bold_markup():
    from tasks.rendering.blocks import paragraphs

    assert paragraphs("联系电话：138****5678，身份证110105********002X") == [
        "联系电话：138****5678，身份证110105********002X"
    ]
    assert paragraphs("## 一、**背景依据**说明") == ["一、背景依据说明"]
