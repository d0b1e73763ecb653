"""The 公文 and 解读 as Word documents: GB/T 9704 page, red 标志, East Asian fonts, text, page numbers."""

from __future__ import annotations

import importlib.util
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from models.errors import InvalidInput
from models.settings import PROJECT_ROOT
from tasks.rendering.docx import render_document_docx, render_interpretation_docx
from tests.factories import demo_document_context, demo_interpretation_context, make_document_context

TEMPLATES = PROJECT_ROOT / "templates"


@pytest.fixture(scope="module")
def demo_docx(tmp_path_factory) -> docx.document.Document:
    target = tmp_path_factory.mktemp("docx") / "policy.docx"
    render_document_docx(demo_document_context(), target)
    return docx.Document(str(target))


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def test_page_is_a4_with_gbt9704_margins(demo_docx):
    section = demo_docx.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    sizes += [section.right_margin, section.bottom_margin]
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 28, 26, 35]  # a 156 × 225 mm text block


def test_issuer_mark_is_red_and_centred_in_title_font(demo_docx):
    mark = paragraph(demo_docx, "青禾县人民政府办公室文件")
    assert str(mark.style.font.color.rgb) == "FF0000"
    assert mark.style.paragraph_format.alignment == 1  # centre
    assert _east_asian_font(mark.style) == "方正小标宋简体"


def test_styles_name_chinese_fonts_for_east_asian_text(demo_docx):
    styles = demo_docx.styles
    assert _east_asian_font(styles["公文-正文"]) == "仿宋_GB2312"
    assert _east_asian_font(styles["公文-一级标题"]) == "黑体"
    assert _east_asian_font(styles["公文-二级标题"]) == "楷体_GB2312"
    assert styles["公文-正文"].font.size.pt == 16
    assert styles["公文-标题"].font.size.pt == 22


def test_document_prints_number_title_body_signature_and_annotation(demo_docx):
    texts = [p.text for p in demo_docx.paragraphs]
    assert "青政办发〔2026〕5号" in texts
    assert "青禾县人民政府办公室\n关于印发青禾县2026年\n政务公开工作要点的通知" in texts
    assert "各镇人民政府，各街道办事处，青禾经济开发区，县政府各部门：" in texts
    assert "\t2026年1月5日" in texts
    assert "（此件公开发布）" in texts
    assert texts.index("（此件公开发布）") < texts.index("青禾县2026年政务公开工作要点")


def test_headings_carry_their_typeface_styles(demo_docx):
    heading = next(p for p in demo_docx.paragraphs if p.text.startswith("（一）深化重点领域信息公开。聚焦"))
    assert heading.runs[0].text == "（一）深化重点领域信息公开。"
    assert heading.runs[0].style.name == "公文-二级标题"
    level_one = paragraph(demo_docx, "一、聚焦重点工作，推动政务公开高质量发展")
    assert level_one.runs[0].style.name == "公文-一级标题"


def test_colophon_lists_copy_recipients_and_printing_organ(demo_docx):
    cells = [cell.text for row in demo_docx.tables[0].rows for cell in row.cells]
    assert cells == [
        "抄送：县委各部门，县人大常委会办公室，县政协办公室。",
        "青禾县人民政府办公室\t2026年1月5日印发",
    ]


def test_footers_number_odd_pages_right_and_even_pages_left(demo_docx):
    section = demo_docx.sections[0]
    assert demo_docx.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, 2), (section.even_page_footer, 0)):
        number = footer.paragraphs[0]
        assert number.text == "—  —"  # the PAGE field between the dashes has no text until Word fills it
        assert "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))
        assert number.alignment == alignment


def test_markup_in_text_stays_text(tmp_path):
    render_document_docx(make_document_context(title="关于<b>加强</b>&管理的通知"), tmp_path / "escaped.docx")
    assert "关于<b>加强</b>&管理的通知" in [
        p.text for p in docx.Document(str(tmp_path / "escaped.docx")).paragraphs
    ]


def test_interpretation_docx_has_sections_and_questions(tmp_path):
    render_interpretation_docx(demo_interpretation_context(), tmp_path / "interpretation.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "interpretation.docx")).paragraphs]
    assert "《青禾县2026年政务公开工作要点》\n政策解读" in texts
    assert "十、简明问答" in texts
    assert "问：群众怎样参与县里的重大决策？" in texts
    assert any(text.startswith("答：关注县政府网站") for text in texts)


def test_missing_template_is_reported_with_the_setting_to_fix(tmp_path, monkeypatch):
    from models.settings import get_settings

    monkeypatch.setenv("POLICYFLOW_TEMPLATES_DIR", str(tmp_path))
    get_settings.cache_clear()
    with pytest.raises(InvalidInput, match="POLICYFLOW_TEMPLATES_DIR"):
        render_document_docx(make_document_context(), tmp_path / "x.docx")
    get_settings.cache_clear()


@pytest.mark.parametrize("name", ["official_document", "interpretation"])
def test_committed_templates_match_their_generator(tmp_path, monkeypatch, name):
    monkeypatch.syspath_prepend(str(PROJECT_ROOT / "scripts"))  # for its helper module, docx_kit
    spec = importlib.util.spec_from_file_location(
        "make_templates", PROJECT_ROOT / "scripts" / "make_templates.py"
    )
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    getattr(generator, name)().save(tmp_path / f"{name}.docx")
    fresh, committed = zipfile.ZipFile(tmp_path / f"{name}.docx"), zipfile.ZipFile(TEMPLATES / f"{name}.docx")
    parts = [n for n in fresh.namelist() if n.startswith("word/")]
    assert parts == [n for n in committed.namelist() if n.startswith("word/")]
    for part in parts:
        assert fresh.read(part) == committed.read(part), f"{part} differs: run `make templates` and commit"


def _east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))
