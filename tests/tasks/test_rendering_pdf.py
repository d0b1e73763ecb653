"""The 公文 and 解读 as PDF: what a reader sees in the text, the fonts embedded, the GB/T 9704 grid."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from models.errors import UncoveredCharacters
from tasks.rendering.context import BodyBlock
from tasks.rendering.layout import LINE_START_FORBIDDEN, cells
from tasks.rendering.pdf import render_document_pdf, render_interpretation_pdf
from tests.factories import demo_document_context, demo_interpretation_context, make_document_context


def pdf_text(path: Path, *pages: int) -> str:
    """The text a reader would copy from the PDF (poppler's pdftotext), optionally of some pages."""
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", *first_last, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font the PDF references (poppler's pdffonts)."""
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return [(line.split()[0], line.split()[-5]) for line in lines[2:]]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("pdf") / "policy.pdf"
    render_document_pdf(demo_document_context(), target)
    return target


def test_first_page_shows_the_header_title_recipients_and_page_number(demo_pdf):
    first = pdf_text(demo_pdf, 1)
    assert first.index("青禾县人民政府办公室文件") < first.index("青政办发〔2026〕5号")
    assert "青禾县人民政府办公室\n关于印发青禾县2026年\n政务公开工作要点的通知" in first
    assert "各镇人民政府，各街道办事处，青禾经济开发区，县政府各部" in first
    assert "— 1 —" in first


def test_signature_date_and_annotation_follow_the_notice(demo_pdf):
    first = pdf_text(demo_pdf, 1)
    assert (
        first.index("请结合实际认真贯彻落实。")
        < first.index("2026年1月5日")
        < first.index("（此件公开发布）")
    )


def test_the_issued_plan_starts_on_a_new_page_under_its_title(demo_pdf):
    assert pdf_text(demo_pdf, 2).startswith("青禾县2026年政务公开工作要点")


def test_last_page_carries_the_colophon_and_every_page_is_numbered(demo_pdf):
    text = pdf_text(demo_pdf)
    pages = text.count("\f")
    assert all(f"— {n} —" in text for n in range(1, pages + 1))
    last = pdf_text(demo_pdf, pages)
    assert "抄送：县委各部门，县人大常委会办公室，县政协办公室。" in last
    assert "2026年1月5日印发" in last


def test_a_full_page_has_22_lines_of_28_characters(demo_pdf):
    lines = [line for line in pdf_text(demo_pdf, 3).splitlines() if line.strip() and "—" not in line]
    assert len(lines) == 22
    assert max(cells(line) for line in lines) <= 28
    assert sum(cells(line) >= 27 for line in lines) >= 15  # all but paragraph ends run edge to edge


def test_no_line_starts_with_closing_punctuation(demo_pdf):
    lines = [line for line in pdf_text(demo_pdf).splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in LINE_START_FORBIDDEN]


def test_every_font_is_embedded_fangsong_for_the_body(demo_pdf):
    fonts = pdf_fonts(demo_pdf)
    assert fonts and all(embedded == "yes" for _, embedded in fonts)
    names = " ".join(name for name, _ in fonts)
    for face in ("FandolFang", "NotoSerifCJKsc-Bold", "WenQuanYiMicroHei", "UKai", "UMing"):
        assert face in names


def test_rare_characters_render_through_fallback_fonts(tmp_path):
    context = make_document_context(body=[BodyBlock(text="联系人王䶮，籍贯𠀋村。")])
    render_document_pdf(context, tmp_path / "rare.pdf")
    assert "联系人王䶮，籍贯𠀋村。" in pdf_text(tmp_path / "rare.pdf")
    assert "NotoSerifSC-" in " ".join(name for name, _ in pdf_fonts(tmp_path / "rare.pdf"))


def test_a_character_no_font_has_stops_rendering_naming_it(tmp_path):
    context = make_document_context(body=[BodyBlock(text="私用区字符\ue000不能显示。")])
    with pytest.raises(UncoveredCharacters, match=r"\ue000（U\+E000）"):
        render_document_pdf(context, tmp_path / "blank.pdf")
    assert not (tmp_path / "blank.pdf").exists()


def test_redaction_markers_print_as_ordinary_text(tmp_path):
    context = make_document_context(
        body=[BodyBlock(text="申请人张某（身份证号［已删除：身份证号］）提出申请。")]
    )
    render_document_pdf(context, tmp_path / "redacted.pdf")
    assert "［已删除：身份证号］" in pdf_text(tmp_path / "redacted.pdf")


def test_the_same_context_gives_the_same_bytes(tmp_path):
    context = make_document_context()
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_document_pdf(context, first)
    render_document_pdf(context, second)
    assert first.read_bytes() == second.read_bytes()


def test_interpretation_pdf_has_title_sections_and_questions(tmp_path):
    result = render_interpretation_pdf(demo_interpretation_context(), tmp_path / "interpretation.pdf")
    text = pdf_text(result.path)
    assert result.pages == text.count("\f")
    assert text.startswith("《青禾县2026年政务公开工作要点》\n政策解读")
    assert "解读文件：《青禾县人民政府办公室关于印发" in text
    assert "问：群众怎样参与县里的重大决策？" in text
    assert "答：关注县政府网站" in text
